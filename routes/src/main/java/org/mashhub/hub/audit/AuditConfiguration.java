package org.mashhub.hub.audit;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit's secret and its checkpoint file, from {@code hub.audit}. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    AuditSeal auditSeal(AuditProperties properties) {
        return AuditSeal.of(properties);
    }

    @Bean
    AuditCheckpoints auditCheckpoints(AuditProperties properties, AuditSeal seal, Clock clock) {
        if (properties.checkpointFile() == null) {
            throw new IllegalStateException("hub.audit.checkpoint-file is not set");
        }
        return new AuditCheckpoints(properties.checkpointFile(), seal, clock);
    }
}
