package org.mashhub.hub.sharing;

import org.mashhub.hub.edge.FreeText;
import org.mashhub.hub.ledger.EventLedger;
import org.mashhub.hub.ledger.EventStatus;
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
    private final EventLedger ledger;
    private final JdbcTemplate jdbc;

    ManagerDecisions(WithheldEvents withheld, EventLedger ledger, JdbcTemplate jdbc) {
        this.withheld = withheld;
        this.ledger = ledger;
        this.jdbc = jdbc;
    }

    /** Released: back on its way to the case system through the ledger's outbox, in this decision's transaction. */
    @Transactional
    public WithheldEvents.Held release(String eventId, String actor, String reason) {
        FreeText.bounded("reason", reason, FreeText.NOTE);
        WithheldEvents.Held held = held(eventId, reason);
        if (jdbc.queryForObject("select payload from accepted_event where event_id = ?", String.class, eventId) == null) {
            throw new NotDecidable("Event " + eventId + " has passed its retention period: its content is gone.");
        }
        withheld.decide(eventId, WithheldEvents.Status.RELEASED, actor, reason);
        ledger.released(subject(eventId), actor, held.rule());
        return withheld.find(eventId).orElseThrow();
    }

    @Transactional
    public WithheldEvents.Held refuse(String eventId, String actor, String reason) {
        FreeText.bounded("reason", reason, FreeText.NOTE);
        WithheldEvents.Held held = held(eventId, reason);
        withheld.decide(eventId, WithheldEvents.Status.REFUSED, actor, reason);
        ledger.refused(subject(eventId), actor, held.rule());
        return withheld.find(eventId).orElseThrow();
    }

    private EventLedger.Subject subject(String eventId) {
        return ledger.subject(eventId, EventStatus.WITHHELD).orElseThrow(() ->
                new NotDecidable("Event " + eventId + " is not waiting for a decision (never withheld, or decided already)."));
    }

    private WithheldEvents.Held held(String eventId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new NotDecidable("Give the reason for the decision: it is recorded.");
        }
        return withheld.lockHeld(eventId).orElseThrow(() ->
                new NotDecidable("Event " + eventId + " is not waiting for a decision (never withheld, or decided already)."));
    }
}
