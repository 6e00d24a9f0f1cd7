package org.mashhub.hub.sharing;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/** Events the policy withheld, waiting for a manager, and what the manager decided. */
@Component
public class WithheldEvents {

    public enum Status { HELD, RELEASED, REFUSED }

    /** A withheld event as a manager's list shows it: ids, the rule and the reason, never the content. */
    public record Held(String eventId, String hubChildId, String partnerId, String kind, String rule, String reason, Status status,
                       Instant heldAt, String decidedBy, Instant decidedAt, String decisionReason) {

        /** A manager's release of the event, as the sharing policy takes it: a safeguarding override with its reason. */
        public Optional<SharingPolicy.ManagerRelease> release() {
            return status == Status.RELEASED ? Optional.of(new SharingPolicy.ManagerRelease(decisionReason, decidedBy, decidedAt))
                    : Optional.empty();
        }
    }

    private static final RowMapper<Held> MAPPER = (rs, i) -> new Held(rs.getString("event_id"), rs.getString("hub_child_id"),
            rs.getString("partner_id"), rs.getString("kind"), rs.getString("rule"), rs.getString("reason"),
            Status.valueOf(rs.getString("status")), rs.getObject("held_at", OffsetDateTime.class).toInstant(),
            rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class) == null ? null
                    : rs.getObject("decided_at", OffsetDateTime.class).toInstant(), rs.getString("decision_reason"));

    private final JdbcTemplate jdbc;
    private final Clock clock;

    WithheldEvents(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Holds an event; false when it was held already (a redelivery). */
    boolean hold(String eventId, String hubChildId, String partnerId, String kind, String rule, String reason) {
        return jdbc.update("""
                insert into withheld_event (event_id, hub_child_id, partner_id, kind, rule, reason, status, held_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                eventId, hubChildId, partnerId, kind, rule, truncate(reason, 500), Status.HELD.name(), now()) == 1;
    }

    /**
     * The event's entry, waiting for a manager's decision being written to commit first: a released event can reach
     * the gate before the release commits, and must then see the release, not the hold.
     */
    public Optional<Held> findAfterDecision(String eventId) {
        return jdbc.query("select * from withheld_event where event_id = ? for update", MAPPER, eventId).stream().findFirst();
    }

    public Optional<Held> find(String eventId) {
        return jdbc.query("select * from withheld_event where event_id = ?", MAPPER, eventId).stream().findFirst();
    }

    /** For a manager: held events first, oldest first. */
    public List<Held> list(Status status, int limit) {
        return jdbc.query("select * from withheld_event where status = ? order by held_at limit ?", MAPPER, status.name(), limit);
    }

    /** Held events of these children (for the MASH view: "2 items withheld"). */
    public List<Held> ofChild(String hubChildId) {
        return jdbc.query("select * from withheld_event where hub_child_id = ? order by held_at", MAPPER, hubChildId);
    }

    /** Locks a held event for a decision; empty when it is not held (decided already, or never withheld). */
    Optional<Held> lockHeld(String eventId) {
        return jdbc.query("select * from withheld_event where event_id = ? and status = 'HELD' for update", MAPPER, eventId)
                .stream().findFirst();
    }

    void decide(String eventId, Status status, String actor, String reason) {
        jdbc.update("update withheld_event set status = ?, decided_by = ?, decided_at = ?, decision_reason = ? where event_id = ?",
                status.name(), actor, now(), truncate(reason, 2000), eventId);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
