package org.mashhub.hub.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
import org.springframework.stereotype.Component;

/**
 * The hub's own meters, on {@code /actuator/prometheus}:
 * <ul>
 *   <li>{@code mash_hub_steps_total{partner, step}}: every audited step (received, rejected, published, delivered,
 *       retried, parked, withheld, replayed, ...) per partner, counted when its audit entry commits;</li>
 *   <li>{@code mash_hub_delivery_seconds}: from acceptance to the case system taking the event, as a histogram;</li>
 *   <li>{@code mash_hub_queue_messages{queue}}: queue depths ({@link QueueDepths}).</li>
 * </ul>
 * Camel's per-route exchanges and HTTP request histograms come from their own instrumentation.
 */
@Component
public class HubMetrics {

    private final MeterRegistry registry;
    /** Counted for every audit record: the counters are built once per partner and step, not per record. */
    private final java.util.Map<String, Counter> steps = new java.util.concurrent.ConcurrentHashMap<>();

    HubMetrics(MeterRegistry registry, AuditTrail auditTrail) {
        this.registry = registry;
        auditTrail.onCommitted(this::count);
    }

    void count(AuditRecord record) {
        String step = switch (record.action()) {
            case POLICY_DECIDED -> record.detail() != null && record.detail().startsWith("decision=WITHHOLD") ? "withheld" : "policy_decided";
            default -> record.action().name().toLowerCase(Locale.ROOT);
        };
        String partner = record.partnerId() == null ? "none" : record.partnerId();
        steps.computeIfAbsent(partner + '\u0000' + step, key -> Counter.builder("mash.hub.steps").description("Audited steps, per partner")
                .tag("partner", partner).tag("step", step).register(registry)).increment();
    }

    /** One delivery's time from acceptance, per partner. */
    public void delivered(String partnerId, Duration sinceAccepted) {
        Timer.builder("mash.hub.delivery").description("From acceptance to the case system taking the event")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(5)).maximumExpectedValue(Duration.ofHours(1))
                .tag("partner", partnerId == null ? "none" : partnerId).register(registry).record(sinceAccepted);
    }
}
