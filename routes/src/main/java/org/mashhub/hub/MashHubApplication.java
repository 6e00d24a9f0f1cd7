package org.mashhub.hub;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.mashhub.hub.partner.PartnerKeys;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * Starts the hub. Instead, {@code partner-key <partner id>} prints a new partner key and its stored form (keyed with
 * the pepper in {@code HUB_PARTNER_KEY_PEPPER}); {@code hash-secret} prints the stored form of a staff password read
 * from standard input.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class MashHubApplication {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "partner-key".equals(args[0])) {
            PartnerKeys keys = new PartnerKeys(System.getenv("HUB_PARTNER_KEY_PEPPER"));
            if (args.length != 2 || !args[1].matches("[a-z0-9][a-z0-9-]{1,62}") || !keys.hasPepper()) {
                System.err.println("usage: HUB_PARTNER_KEY_PEPPER=<the hub's pepper> java -jar mash-hub.jar partner-key <partner id>");
                System.exit(2);
            }
            String key = PartnerKeys.newKey(args[1]);
            System.out.println("key (give it to the partner, keep no copy):  " + key);
            System.out.println("api-key-hash (for its connection file):      " + keys.hash(key));
            return;
        }
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
