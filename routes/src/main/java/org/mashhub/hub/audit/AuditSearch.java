package org.mashhub.hub.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit as an auditor searches it: by who, what, which child and when, newest first, a page at a time. Dates
 * are UK dates (a day runs midnight to midnight in London); a time may be given in full instead.
 */
@Component
public class AuditSearch {

    public static final int MAX_PAGE_SIZE = 500;
    private static final ZoneId UK = ZoneId.of("Europe/London");

    private final JdbcTemplate jdbc;
    private final AuditChainer chainer;

    AuditSearch(JdbcTemplate jdbc, AuditChainer chainer) {
        this.jdbc = jdbc;
        this.chainer = chainer;
    }

    /** What to look for; any may be null. {@code actor} finds staff by their user name too ("practitioner"). */
    public record Criteria(String actor, String action, String hubChildId, String from, String to) {
    }

    public record Entry(long seq, Instant recordedAt, String action, String actor, String correlationId, String partnerId,
                        String hubMessageId, String eventId, String hubChildId, String detail) {
    }

    /** A page of entries; {@code more} when another page follows. */
    public record Page(List<Entry> entries, int page, int size, boolean more) {
    }

    /** A criterion that cannot be read (an unknown action, a date that is not one). */
    public static class BadCriteria extends IllegalArgumentException {
        public BadCriteria(String message) {
            super(message);
        }
    }

    public Page search(Criteria criteria, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadCriteria("page must be 0 or more and size 1 to " + MAX_PAGE_SIZE);
        }
        StringBuilder sql = new StringBuilder("""
                select seq, recorded_at, action, actor, correlation_id, partner_id, hub_message_id, event_id, hub_child_id, detail
                from audit_entry where 1 = 1""");
        List<Object> args = new ArrayList<>();
        if (present(criteria.actor())) {
            sql.append(" and (actor = ? or actor = ?)");
            args.add(criteria.actor().strip());
            args.add("staff:" + criteria.actor().strip());
        }
        if (present(criteria.action())) {
            try {
                args.add(AuditAction.valueOf(criteria.action().strip().toUpperCase(java.util.Locale.ROOT)).name());
            } catch (IllegalArgumentException e) {
                throw new BadCriteria("action must be one of " + java.util.Arrays.toString(AuditAction.values()));
            }
            sql.append(" and action = ?");
        }
        if (present(criteria.hubChildId())) {
            sql.append(" and hub_child_id = ?");
            args.add(criteria.hubChildId().strip());
        }
        if (present(criteria.from())) {
            sql.append(" and recorded_at >= ?");
            args.add(instant(criteria.from(), "from", false));
        }
        if (present(criteria.to())) {
            sql.append(" and recorded_at < ?");
            args.add(instant(criteria.to(), "to", true));
        }
        sql.append(" order by seq desc limit ? offset ?");
        args.add(size + 1);
        args.add((long) page * size);
        chainer.chainPending(); // the latest entries too
        List<Entry> found = jdbc.query(sql.toString(), (rs, row) -> new Entry(rs.getLong("seq"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("action"), rs.getString("actor"),
                rs.getString("correlation_id"), rs.getString("partner_id"), rs.getString("hub_message_id"),
                rs.getString("event_id"), rs.getString("hub_child_id"), rs.getString("detail")), args.toArray());
        boolean more = found.size() > size;
        return new Page(more ? found.subList(0, size) : found, page, size, more);
    }

    /** A UK date (the day's start; for {@code to}, the next day's start, so the day is included) or a full time. */
    private static OffsetDateTime instant(String value, String name, boolean endOfDay) {
        String text = value.strip();
        LocalDate day = org.mashhub.hub.edge.TypedDates.parse(text);
        if (day != null) {
            return (endOfDay ? day.plusDays(1) : day).atStartOfDay(UK).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        }
        try {
            return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new BadCriteria(name + " must be a date (30/11/2026 or 2026-11-30) or a time with its offset (2026-11-30T09:00:00Z)");
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
