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

    /**
     * Attempts in all (the first plus retries); the delay doubles (by {@code multiplier}) up to {@code maxDelay}, or is
     * the case system's {@code Retry-After} (at most {@code maxDelay}). A case system that does not trust the hub (401,
     * 403) is retried the same way for {@code holdWhenNotTrusted} before its events are parked.
     */
    public record Retry(
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("1s") Duration initialDelay,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("60s") Duration maxDelay,
            @DefaultValue("30m") Duration holdWhenNotTrusted) {

        /** Retries whose back-off delays add up to {@code holdWhenNotTrusted}, and never fewer than {@code maxAttempts - 1}. */
        public int retriesWhenNotTrusted() {
            long waited = 0;
            double delay = initialDelay.toMillis();
            int retries = 0;
            while (waited < holdWhenNotTrusted.toMillis() && retries < 10_000) {
                waited += (long) Math.min(delay, maxDelay.toMillis());
                delay *= multiplier;
                retries++;
            }
            return Math.max(retries, maxAttempts - 1);
        }
    }
}
