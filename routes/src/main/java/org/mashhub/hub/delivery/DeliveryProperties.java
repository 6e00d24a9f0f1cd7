package org.mashhub.hub.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.delivery}: how many events go to the case system at once (each child's still in order),
 * and how a failing case system is retried before an event is parked.
 */
@ConfigurationProperties("hub.delivery")
public record DeliveryProperties(
        @DefaultValue("8") int concurrentConsumers,
        @DefaultValue Retry retry) {

    /** Attempts in all (the first plus retries); the delay doubles (by {@code multiplier}) up to {@code maxDelay}. */
    public record Retry(
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("1s") Duration initialDelay,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("60s") Duration maxDelay) {
    }
}
