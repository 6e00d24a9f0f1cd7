package org.mashhub.hub.consent;

import java.sql.Date;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.mashhub.adapters.ConsentStatement;
import org.mashhub.schemas.events.ConsentState;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Consent statements per child, partner and data category ({@value ConsentStatement#ALL_CATEGORIES} for
 * every category), with the dates they apply: from a partner's message or a member of staff. The current
 * state is the latest statement in force.
 */
@Component
public class ConsentRegistry {

    /** A statement as kept, for a manager's list. */
    public record Recorded(long id, String hubChildId, String partnerId, String category, ConsentState state, LocalDate from,
                           LocalDate to, OffsetDateTime recordedAt, String recordedBy) {
    }

    private final JdbcTemplate jdbc;

    public ConsentRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a partner's statement about a linked child (in the caller's transaction); true when it withdraws consent
     * that was not withdrawn already, which the case system must hear.
     */
    public boolean record(ConsentStatement statement, String partnerId, String hubMessageId) {
        return insert(statement, partnerId, hubMessageId, "partner:" + partnerId, null);
    }

    /** Records what a member of staff was told (in the caller's transaction); true as above. */
    public boolean recordByStaff(ConsentStatement statement, String partnerId, String actor, String note) {
        return insert(statement, partnerId, null, actor, note);
    }

    private boolean insert(ConsentStatement s, String partnerId, String hubMessageId, String recordedBy, String note) {
        boolean withdrawsNow = s.state() == ConsentState.WITHDRAWN && current(s.child().hubChildId(), partnerId, s.category(),
                s.from() != null ? s.from() : LocalDate.ofInstant(s.recordedAt(), java.time.ZoneId.of("Europe/London")))
                .filter(ConsentState.WITHDRAWN::equals).isEmpty();
        jdbc.update("""
                insert into consent_record (hub_child_id, partner_id, data_category, state, valid_from, valid_to, recorded_at,
                                            hub_message_id, recorded_by, note)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                s.child().hubChildId(), partnerId, s.category(), s.state().name(), date(s.from()), date(s.to()),
                OffsetDateTime.ofInstant(s.recordedAt(), ZoneOffset.UTC), hubMessageId, recordedBy, note);
        return withdrawsNow;
    }

    /** The latest state in force on that day that a partner gave for a child and category (or for every category). */
    public Optional<ConsentState> current(String hubChildId, String partnerId, String category, LocalDate day) {
        List<String> states = jdbc.queryForList("""
                select state from consent_record
                where hub_child_id = ? and partner_id = ? and data_category in (?, '*')
                  and (valid_from is null or valid_from <= ?) and (valid_to is null or valid_to >= ?)
                order by recorded_at desc, id desc""", String.class, hubChildId, partnerId, category, date(day), date(day));
        return states.stream().findFirst().map(ConsentState::valueOf);
    }

    /** For a child (and the children linked into it): the statement in force that day per partner and category, newest first. */
    public List<Recorded> inForce(java.util.Collection<String> hubChildIds, LocalDate day) {
        if (hubChildIds.isEmpty()) {
            return List.of();
        }
        List<Object> arguments = new java.util.ArrayList<>(hubChildIds);
        arguments.add(date(day));
        arguments.add(date(day));
        java.util.Map<String, Recorded> latest = new java.util.LinkedHashMap<>();
        jdbc.query("""
                select id, hub_child_id, partner_id, data_category, state, valid_from, valid_to, recorded_at, recorded_by
                from consent_record where hub_child_id in (""" + String.join(",", java.util.Collections.nCopies(hubChildIds.size(), "?")) + """
                ) and (valid_from is null or valid_from <= ?) and (valid_to is null or valid_to >= ?)
                order by recorded_at desc, id desc""", (rs, i) -> new Recorded(rs.getLong("id"), rs.getString("hub_child_id"),
                        rs.getString("partner_id"), rs.getString("data_category"), ConsentState.valueOf(rs.getString("state")),
                        rs.getDate("valid_from") == null ? null : rs.getDate("valid_from").toLocalDate(),
                        rs.getDate("valid_to") == null ? null : rs.getDate("valid_to").toLocalDate(),
                        rs.getObject("recorded_at", OffsetDateTime.class), rs.getString("recorded_by")), arguments.toArray())
                .forEach(r -> latest.putIfAbsent(r.partnerId() + "|" + r.category(), r));
        return List.copyOf(latest.values());
    }

    /** Every statement of withdrawn consent, newest first. */
    public List<Recorded> withdrawals() {
        return jdbc.query("""
                select id, hub_child_id, partner_id, data_category, state, valid_from, valid_to, recorded_at, recorded_by
                from consent_record where state = 'WITHDRAWN' order by recorded_at desc, id desc""",
                (rs, i) -> new Recorded(rs.getLong("id"), rs.getString("hub_child_id"), rs.getString("partner_id"),
                        rs.getString("data_category"), ConsentState.valueOf(rs.getString("state")),
                        rs.getDate("valid_from") == null ? null : rs.getDate("valid_from").toLocalDate(),
                        rs.getDate("valid_to") == null ? null : rs.getDate("valid_to").toLocalDate(),
                        rs.getObject("recorded_at", OffsetDateTime.class), rs.getString("recorded_by")));
    }

    private static Date date(LocalDate day) {
        return day == null ? null : Date.valueOf(day);
    }
}
