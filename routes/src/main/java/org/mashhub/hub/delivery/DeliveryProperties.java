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
        @DefaultValue Retry retry,
        /*
         * How long an event on the queue waits for its acceptance to show in the database before it is parked as not
         * accepted. Long enough for a partner to repeat a message the hub was killed while accepting (the broker had
         * committed, the database not): the hub restarts in about 20 s.
         */
        @DefaultValue("60s") Duration acceptanceWait) {

    /** Attempts in all (the first plus retries); the delay doubles (by {@code multiplier}) up to {@code maxDelay}. */
    public record Retry(
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("1s") Duration initialDelay,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("60s") Duration maxDelay) {
    }
}
