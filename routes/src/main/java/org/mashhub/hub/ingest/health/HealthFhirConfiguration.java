package org.mashhub.hub.ingest.health;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.mashhub.adapters.health.HealthFhir;
import org.mashhub.adapters.health.HealthMessageAdapter;
import org.mashhub.adapters.health.HealthRecordAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * One FhirContext and validator for the application. The validator is built and warmed with the health
 * examples on a thread of its own while the rest of the hub starts (it takes seconds), so no partner
 * waits for the base profiles to load or the hub's snapshots to be generated.
 */
@Configuration(proxyBeanMethods = false)
class HealthFhirConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HealthFhirConfiguration.class);

    @Bean
    HealthFhir healthFhir() throws IOException {
        List<String> samples = new ArrayList<>();
        for (Resource example : new PathMatchingResourcePatternResolver().getResources("classpath*:schemas/health/examples/message-*.json")) {
            try (InputStream in = example.getInputStream()) {
                samples.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        long start = System.nanoTime();
        Executor builder = task -> {
            Thread thread = new Thread(() -> {
                task.run();
                log.info("FHIR validator ready in {} ms ({} examples validated)", (System.nanoTime() - start) / 1_000_000,
                        samples.size());
            }, "fhir-validator-warm-up");
            thread.setDaemon(true);
            thread.start();
        };
        return new HealthFhir(samples, builder);
    }

    @Bean
    HealthMessageAdapter healthMessageAdapter(HealthFhir fhir, Clock clock) {
        return new HealthMessageAdapter(fhir, clock);
    }

    @Bean
    HealthRecordAdapter healthRecordAdapter(HealthFhir fhir, Clock clock) {
        return new HealthRecordAdapter(fhir, clock);
    }
}
