package org.mashhub.hub.consent;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.mashhub.adapters.ConsentStatement;
import org.mashhub.schemas.events.ConsentState;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Keeps consent statements, and answers what the current state is. */
@Component
public class ConsentRegistry {

    private final JdbcTemplate jdbc;

    public ConsentRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a statement about a linked child (in the caller's transaction). */
    public void record(ConsentStatement statement, String partnerId, String hubMessageId) {
        jdbc.update("""
                insert into consent_record (hub_child_id, partner_id, data_category, state, valid_from, valid_to, recorded_at,
                                            hub_message_id)
                values (?, ?, ?, ?, ?, ?, ?, ?)""",
                statement.child().hubChildId(), partnerId, statement.category(), statement.state().name(),
                statement.from(), statement.to(), OffsetDateTime.ofInstant(statement.recordedAt(), ZoneOffset.UTC), hubMessageId);
    }

    /** The latest state a partner gave for a child and category (a statement for every category counts too). */
    public Optional<ConsentState> current(String hubChildId, String partnerId, String category) {
        List<String> states = jdbc.queryForList("""
                select state from consent_record
                where hub_child_id = ? and partner_id = ? and data_category in (?, '*')
                order by recorded_at desc, id desc""", String.class, hubChildId, partnerId, category);
        return states.stream().findFirst().map(ConsentState::valueOf);
    }
}
