package org.mashhub.hub.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether the case system trusts the hub, as its last answers said: since when it has refused the hub (401 or 403), until
 * it takes an event again. Read by the health ({@code caseSystem}) and as {@code mash_hub_case_system_not_trusted}
 * (1 while refused), so an engineer is alerted before events wait long.
 */
@Component
public class CaseSystemTrust {

    private static final Logger log = LoggerFactory.getLogger(CaseSystemTrust.class);

    private final Clock clock;
    private final AtomicReference<Refusal> refusal = new AtomicReference<>();

    /** The first refusal of a run of them. */
    public record Refusal(int status, Instant since) {
    }

    CaseSystemTrust(Clock clock, MeterRegistry registry) {
        this.clock = clock;
        Gauge.builder("mash_hub_case_system_not_trusted", refusal, r -> r.get() == null ? 0 : 1)
                .description("1 while the case system refuses the hub's signature or credentials (401 or 403)")
                .register(registry);
    }

    void refused(int status) {
        if (refusal.compareAndSet(null, new Refusal(status, clock.instant()))) {
            log.error("The case system refuses the hub (HTTP {}): check hub.case-system.signing-secrets and its credentials; "
                    + "deliveries hold and retry", status);
        }
    }

    void trusted() {
        // Read first: called on every delivery, and nearly always there is nothing to clear.
        if (refusal.get() != null && refusal.getAndSet(null) != null) {
            log.info("The case system takes the hub's deliveries again");
        }
    }

    /** The refusal under way, or null. */
    public Refusal refusal() {
        return refusal.get();
    }
}
