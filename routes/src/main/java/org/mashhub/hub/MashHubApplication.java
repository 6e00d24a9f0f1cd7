package org.mashhub.hub;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/** Starts the hub; {@code hash-secret} instead prints the stored form of a partner key or staff password read from standard input. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class MashHubApplication {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "hash-secret".equals(args[0])) {
            String secret = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (secret == null || secret.isBlank()) {
                System.err.println("usage: echo -n '<secret>' | java -jar mash-hub.jar hash-secret");
                System.exit(2);
            }
            System.out.println(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(secret.strip()));
            return;
        }
        SpringApplication.run(MashHubApplication.class, args);
    }

    /** The hub's one clock, so tests can fix time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
