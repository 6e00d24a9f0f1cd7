package org.mashhub.hub.ledger;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The record of accepted partner messages: what makes a resubmission recognisable, and its first receipt. */
@Component
public class InboundMessages {

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

    public static Receipt receiptOf(PartnerSubmission s) {
        return new Receipt(s.hubMessageId(), s.partnerMessageId(), Receipt.ACCEPTED, s.receivedAt(),
                s.events().stream().map(e -> new Receipt.EventRef(e.eventId(), e.kind())).toList(), s.notes());
    }

    private List<Receipt.EventRef> eventsOf(String hubMessageId) {
        return jdbc.query("select event_id, kind from accepted_event where hub_message_id = ? order by event_index",
                (rs, i) -> new Receipt.EventRef(rs.getString("event_id"), rs.getString("kind")), hubMessageId);
    }

    private static OffsetDateTime utc(PartnerSubmission s) {
        return EventLedger.utc(s.receivedAt());
    }
}
