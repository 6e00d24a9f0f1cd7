package org.mashhub.hub.ingest.health;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
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
 * One FhirContext and validator for the application, built and warmed at start-up with the health
 * examples, so no partner waits for the base profiles to load or the hub's snapshots to be generated.
 */
@Configuration(proxyBeanMethods = false)
class HealthFhirConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HealthFhirConfiguration.class);

    @Bean
    HealthFhir healthFhir() throws IOException {
        long start = System.nanoTime();
        HealthFhir fhir = new HealthFhir();
        List<IBaseResource> samples = new ArrayList<>();
        for (Resource example : new PathMatchingResourcePatternResolver().getResources("classpath*:schemas/health/examples/message-*.json")) {
            try (InputStream in = example.getInputStream()) {
                samples.add(fhir.context().newJsonParser().parseResource(in));
            }
        }
        fhir.warmUp(samples);
        log.info("FHIR context and validator ready in {} ms ({} examples validated)", (System.nanoTime() - start) / 1_000_000,
                samples.size());
        return fhir;
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
