package org.mashhub.hub.pipeline;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.acceptance}: group commit of partner messages ({@link AcceptanceBatches}). At most {@code max-batch}
 * messages share a transaction; {@code committers} threads commit batches side by side.
 */
@ConfigurationProperties("hub.acceptance")
public record AcceptanceProperties(
        @DefaultValue("32") int maxBatch,
        @DefaultValue("2") int committers) {

    public AcceptanceProperties {
        if (maxBatch < 1 || committers < 1) {
            throw new IllegalArgumentException("hub.acceptance.max-batch and committers must be at least 1");
        }
    }
}
