package org.mashhub.hub.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.Exchange;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
import org.mashhub.hub.operations.HubMetrics;
import org.mashhub.hub.edge.HubHeaders;
import org.mashhub.hub.sharing.SharingGate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Records what became of each delivery: the event's status and the audit entry, together. */
@Component
public class DeliveryLedger {

    private final JdbcTemplate jdbc;
    private final AuditTrail auditTrail;
    private final HubMetrics metrics;
    private final Clock clock;
    private final DeliveryProperties properties;

    public DeliveryLedger(JdbcTemplate jdbc, AuditTrail auditTrail, HubMetrics metrics, Clock clock, DeliveryProperties properties) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.auditTrail = auditTrail;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Goes on only with an event the hub accepted and has committed, so its status is recorded from here on. The
     * broker commits before the database, so the acceptance is given time to become visible, and after a crash between the two, for the partner's repeat to complete it (waiting
     * here, not by Camel's redelivery, whose count belongs to the case system's retries).
     */
    public void requireAccepted(Exchange exchange) throws InterruptedException {
        String eventId = eventId(exchange);
        long waitMillis = 10;
        for (long waited = 0; eventId != null; waited += waitMillis, waitMillis = Math.min(waitMillis * 2, 1_000)) {
            if (!jdbc.queryForList("select 1 from accepted_event where event_id = ?", eventId).isEmpty()) {
                return;
            }
            if (waited >= properties.acceptanceWait().toMillis()) {
                break;
            }
            Thread.sleep(waitMillis);
        }
        throw new EventNotAcceptedException(eventId);
    }

    /** The case system has the event: its status, and the sharing decision it went out under, with their entries. */
    @Transactional
    public void delivered(Exchange exchange) {
        int attempts = attempts(exchange);
        record(exchange, "status = 'DELIVERED', delivered_at = ?, attempts = ?", List.of(now(), attempts),
                entry(AuditAction.DELIVERED, exchange).detail("attempts=" + attempts));
        Long acceptedAt = exchange.getMessage().getHeader(HubHeaders.ACCEPTED_AT, Long.class);
        if (acceptedAt != null) {
            metrics.delivered(exchange.getMessage().getHeader(HubHeaders.PARTNER_ID, String.class),
                    Duration.ofMillis(Math.max(0, clock.millis() - acceptedAt)));
        }
    }

    @Transactional
    public void retrying(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        int attempts = attempts(exchange);
        record(exchange, "attempts = ?", List.of(attempts), entry(AuditAction.RETRIED, exchange)
                .detail("attempt=" + attempts + " reason=" + (cause == null ? "unknown" : cause.getMessage())));
    }

    @Transactional
    public void parked(Exchange exchange, String reason) {
        record(exchange, "status = 'PARKED', parked_reason = ?, attempts = ?", Arrays.asList(reason, attempts(exchange)),
                entry(AuditAction.PARKED, exchange).detail(reason));
    }

    /**
     * One update of the event's row and one audit append. The gate's decision to share goes with the first thing that
     * became of the event after it (delivered, retried, parked), once per delivery from the broker; a parked event may
     * not have reached the gate.
     */
    private void record(Exchange exchange, String assignments, List<Object> values, AuditRecord entry) {
        List<Object> arguments = new ArrayList<>(values);
        List<AuditRecord> entries = new ArrayList<>(2);
        SharingGate.Decided decided = exchange.getProperty(SharingGate.DECIDED, SharingGate.Decided.class);
        if (decided != null) {
            exchange.removeProperty(SharingGate.DECIDED);
            assignments += ", sharing_decision = ?, sharing_rule = ?";
            arguments.add(decided.outcome());
            arguments.add(decided.rule());
            entries.add(decided.audit());
        }
        arguments.add(eventId(exchange));
        jdbc.update("update accepted_event set " + assignments + " where event_id = ?", arguments.toArray());
        entries.add(entry);
        auditTrail.append(entries);
    }

    /** Attempts at this event so far: the broker's deliveries before this one, plus Camel's tries in this one. */
    static int attempts(Exchange exchange) {
        int redeliveries = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        return redeliveries + 1;
    }

    private static String eventId(Exchange exchange) {
        return exchange.getMessage().getHeader(HubHeaders.EVENT_ID, String.class);
    }

    private static AuditRecord entry(AuditAction action, Exchange exchange) {
        return AuditRecord.of(action).actor("hub")
                .correlationId(exchange.getMessage().getHeader(HubHeaders.CORRELATION_ID, String.class))
                .partnerId(exchange.getMessage().getHeader(HubHeaders.PARTNER_ID, String.class))
                .hubMessageId(exchange.getMessage().getHeader(HubHeaders.HUB_MESSAGE_ID, String.class))
                .eventId(eventId(exchange))
                .hubChildId(exchange.getMessage().getHeader(HubHeaders.HUB_CHILD_ID, String.class));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
