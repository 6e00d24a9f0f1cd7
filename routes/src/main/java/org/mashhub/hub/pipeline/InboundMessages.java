package org.mashhub.hub.pipeline;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.mashhub.schemas.events.CanonicalEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The record of accepted partner messages and their events: what makes a resubmission recognisable. */
@Component
public class InboundMessages {

    static final String PUBLISHED = "PUBLISHED";

    private final JdbcTemplate jdbc;

    public InboundMessages(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The receipt already given for this partner message, if it was accepted before.
     *
     * @throws MessageIdReusedException when the id was accepted before with different content
     */
    public Optional<Receipt> earlierReceipt(String partnerId, String partnerMessageId, String contentSha256) {
        List<Receipt> found = jdbc.query("""
                select hub_message_id, content_sha256, received_at from inbound_message
                where partner_id = ? and partner_message_id = ?""", (rs, i) -> {
            if (!rs.getString("content_sha256").equals(contentSha256)) {
                throw new MessageIdReusedException(partnerMessageId);
            }
            String hubMessageId = rs.getString("hub_message_id");
            return new Receipt(hubMessageId, partnerMessageId, Receipt.ACCEPTED,
                    rs.getObject("received_at", OffsetDateTime.class).toInstant(), eventsOf(hubMessageId), List.of());
        }, partnerId, partnerMessageId);
        return found.stream().findFirst();
    }

    /** Claims the partner message id; a concurrent claim of the same id fails on the unique key. */
    public void claim(PartnerSubmission s) {
        jdbc.update("""
                insert into inbound_message (hub_message_id, partner_id, partner_message_id, content_sha256,
                                             correlation_id, received_at)
                values (?, ?, ?, ?, ?, ?)""",
                s.hubMessageId(), s.partnerId(), s.partnerMessageId(), s.contentSha256(), s.correlationId(),
                utc(s));
    }

    /** Records the events the message became, as published and not yet delivered. */
    public void recordEvents(PartnerSubmission s) {
        List<CanonicalEvent> events = s.events();
        if (events.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                insert into accepted_event (event_id, hub_message_id, event_index, event_type, kind, hub_child_id,
                                            partner_id, status, accepted_at, payload, primary_category)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", events, events.size(), (ps, e) -> {
            ps.setString(1, e.eventId());
            ps.setString(2, s.hubMessageId());
            ps.setInt(3, events.indexOf(e));
            ps.setString(4, e.eventType());
            ps.setString(5, e.kind());
            ps.setString(6, e.child().hubChildId());
            ps.setString(7, s.partnerId());
            ps.setString(8, PUBLISHED);
            ps.setObject(9, utc(s));
            // As accepted, before the sharing policy: it decides at each use, with the consent of that moment.
            ps.setString(10, json(e));
            ps.setString(11, e.dataCategories().isEmpty() ? null : e.dataCategories().get(0).code());
        });
    }

    private static String json(CanonicalEvent event) {
        try {
            return org.mashhub.schemas.CanonicalJson.mapper().writeValueAsString(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Receipt receiptOf(PartnerSubmission s) {
        return new Receipt(s.hubMessageId(), s.partnerMessageId(), Receipt.ACCEPTED, s.receivedAt(),
                s.events().stream().map(e -> new Receipt.EventRef(e.eventId(), e.kind())).toList(), s.notes());
    }

    private List<Receipt.EventRef> eventsOf(String hubMessageId) {
        return jdbc.query("select event_id, kind from accepted_event where hub_message_id = ? order by event_index",
                (rs, i) -> new Receipt.EventRef(rs.getString("event_id"), rs.getString("kind")), hubMessageId);
    }

    private static OffsetDateTime utc(PartnerSubmission s) {
        return OffsetDateTime.ofInstant(s.receivedAt().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
