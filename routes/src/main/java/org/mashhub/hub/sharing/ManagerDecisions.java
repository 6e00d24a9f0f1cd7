package org.mashhub.hub.sharing;

import org.mashhub.hub.edge.FreeText;
import java.time.OffsetDateTime;
import java.util.Map;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
import org.mashhub.hub.pipeline.EventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A manager's decision on a withheld event: released with a reason (it goes to the case system shared
 * under the manager's override) or refused (it never does). Each is audited; a decided event is not
 * decided again.
 */
@Component
public class ManagerDecisions {

    /** Nothing to decide: not withheld, decided already, or the event's content purged. */
    public static class NotDecidable extends RuntimeException {
        public NotDecidable(String message) {
            super(message);
        }
    }

    private final WithheldEvents withheld;
    private final EventPublisher publisher;
    private final AuditTrail auditTrail;
    private final JdbcTemplate jdbc;

    ManagerDecisions(WithheldEvents withheld, EventPublisher publisher, AuditTrail auditTrail, JdbcTemplate jdbc) {
        this.withheld = withheld;
        this.publisher = publisher;
        this.auditTrail = auditTrail;
        this.jdbc = jdbc;
    }

    @Transactional
    public WithheldEvents.Held release(String eventId, String actor, String reason) throws Exception {
        FreeText.bounded("reason", reason, FreeText.NOTE);
        WithheldEvents.Held held = held(eventId, reason);
        Map<String, Object> event = jdbc.queryForMap("""
                select a.payload, a.kind, a.hub_child_id, a.partner_id, a.hub_message_id, a.accepted_at, m.correlation_id
                from accepted_event a join inbound_message m on m.hub_message_id = a.hub_message_id where a.event_id = ?""", eventId);
        if (event.get("payload") == null) {
            throw new NotDecidable("Event " + eventId + " has passed its retention period: its content is gone.");
        }
        withheld.decide(eventId, WithheldEvents.Status.RELEASED, actor, reason);
        jdbc.update("update accepted_event set status = 'RELEASED' where event_id = ?", eventId);
        auditTrail.append(AuditRecord.of(AuditAction.WITHHELD_RELEASED).actor(actor).partnerId(held.partnerId())
                .hubMessageId((String) event.get("hub_message_id")).eventId(eventId).hubChildId(held.hubChildId())
                .correlationId((String) event.get("correlation_id")).detail("withheld under " + held.rule()));
        // On the broker before the database commits, as the pipeline publishes. The gate reads the entry with a lock,
        // so it waits for this commit and sees the release; should the commit fail, it finds the event still held.
        publisher.republishReleased((String) event.get("payload"), eventId, (String) event.get("kind"), held.hubChildId(),
                held.partnerId(), (String) event.get("hub_message_id"), (String) event.get("correlation_id"),
                ((OffsetDateTime) jdbc.queryForObject("select accepted_at from accepted_event where event_id = ?",
                        OffsetDateTime.class, eventId)).toInstant().toEpochMilli());
        return withheld.find(eventId).orElseThrow();
    }

    @Transactional
    public WithheldEvents.Held refuse(String eventId, String actor, String reason) {
        FreeText.bounded("reason", reason, FreeText.NOTE);
        WithheldEvents.Held held = held(eventId, reason);
        withheld.decide(eventId, WithheldEvents.Status.REFUSED, actor, reason);
        jdbc.update("update accepted_event set status = 'REFUSED' where event_id = ?", eventId);
        auditTrail.append(AuditRecord.of(AuditAction.WITHHELD_REFUSED).actor(actor).partnerId(held.partnerId())
                .eventId(eventId).hubChildId(held.hubChildId()).detail("withheld under " + held.rule()));
        return withheld.find(eventId).orElseThrow();
    }

    private WithheldEvents.Held held(String eventId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new NotDecidable("Give the reason for the decision: it is recorded.");
        }
        return withheld.lockHeld(eventId).orElseThrow(() ->
                new NotDecidable("Event " + eventId + " is not waiting for a decision (never withheld, or decided already)."));
    }
}
