package org.mashhub.hub.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mashhub.hub.edge.FreeText;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Parked events, for engineers: those the case system refused, that ran out of retries, or that the broker gave up on.
 * Listed with why, replayed (the case system's idempotency key is still the event id, so a replay never makes a second
 * event there) or discarded with a reason, each through the ledger and audited. What an engineer sees is ids and
 * reasons, never the event's content.
 */
@Component
public class ParkedEvents {

    /** A parked event as an engineer sees it. */
    public record Parked(String eventId, String kind, String partnerId, String hubChildId, String reason, Instant parkedAt,
                         Integer attempts, String caseSystemAnswer) {
    }

    /** Which parked events: by partner, by words in the reason, by age. Empty fields match everything. */
    public record Filter(String partnerId, String reasonContains, Duration olderThan) {

        public static final Filter ALL = new Filter(null, null, null);
    }

    private final JdbcTemplate jdbc;
    private final EventLedger ledger;
    private final Clock clock;

    ParkedEvents(JdbcTemplate jdbc, EventLedger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Oldest first. */
    public List<Parked> list(Filter filter, int limit) {
        StringBuilder where = new StringBuilder("status = 'PARKED'");
        List<Object> arguments = new ArrayList<>();
        if (filter.partnerId() != null && !filter.partnerId().isBlank()) {
            where.append(" and partner_id = ?");
            arguments.add(filter.partnerId());
        }
        if (filter.reasonContains() != null && !filter.reasonContains().isBlank()) {
            // The words as typed: a % or _ in them is looked for, not a wildcard.
            where.append(" and lower(parked_reason) like ? escape '\\'");
            arguments.add("%" + filter.reasonContains().toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (filter.olderThan() != null) {
            where.append(" and parked_at < ?");
            arguments.add(OffsetDateTime.ofInstant(clock.instant().minus(filter.olderThan()), ZoneOffset.UTC));
        }
        arguments.add(limit);
        return jdbc.query("select event_id, kind, partner_id, hub_child_id, parked_reason, parked_at, attempts, case_system_answer "
                + "from accepted_event where " + where + " order by parked_at, event_id limit ?", ParkedEvents::parked, arguments.toArray());
    }

    /** How many events are parked now. */
    public int count() {
        return jdbc.queryForObject("select count(*) from accepted_event where status = 'PARKED'", Integer.class);
    }

    public Optional<Parked> find(String eventId) {
        return jdbc.query("select event_id, kind, partner_id, hub_child_id, parked_reason, parked_at, attempts, case_system_answer "
                + "from accepted_event where event_id = ? and status = 'PARKED'", ParkedEvents::parked, eventId).stream().findFirst();
    }

    /** Sends the event to the case system again; false when it is not parked. */
    public boolean replay(String eventId, String actor) {
        return ledger.replayed(eventId, actor);
    }

    /** Replays every parked event that matches; how many. */
    public int replayAll(Filter filter, String actor) {
        int replayed = 0;
        for (Parked parked : list(filter, 10_000)) {
            replayed += replay(parked.eventId(), actor) ? 1 : 0;
        }
        return replayed;
    }

    /** Removes the event for good, with the reason; false when it is not parked. */
    public boolean discard(String eventId, String actor, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Give the reason for discarding: it is recorded.");
        }
        FreeText.bounded("reason", reason, FreeText.REASON);
        return ledger.discarded(eventId, actor, reason);
    }

    private static Parked parked(ResultSet rs, int row) throws SQLException {
        OffsetDateTime at = rs.getObject("parked_at", OffsetDateTime.class);
        return new Parked(rs.getString("event_id"), rs.getString("kind"), rs.getString("partner_id"), rs.getString("hub_child_id"),
                rs.getString("parked_reason"), at == null ? null : at.toInstant(), rs.getInt("attempts"), rs.getString("case_system_answer"));
    }
}
