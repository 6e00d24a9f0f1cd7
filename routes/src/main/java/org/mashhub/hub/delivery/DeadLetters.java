package org.mashhub.hub.delivery;

import org.mashhub.hub.edge.FreeText;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
import org.mashhub.hub.broker.Queues;
import org.mashhub.hub.edge.HubHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Events that could not be delivered, for engineers: those the delivery parked ({@value Queues#CASE_SYSTEM_PARKED}: the
 * case system refused them or stayed down past the retries) and those the broker gave up on ({@value Queues#DEAD_LETTER}:
 * rolled back on every delivery attempt). Listed with why, replayed onto the delivery queue (the case system's
 * idempotency key is still the event id, so a replay never makes a second event there) or discarded with a reason.
 * Each replay and discard is audited; what an engineer sees is ids and reasons, never the event's content.
 */
@Component
public class DeadLetters {

    static final List<String> QUEUES = List.of(Queues.CASE_SYSTEM_PARKED, Queues.DEAD_LETTER);

    /** A dead letter as an engineer sees it. */
    public record DeadLetter(String eventId, String queue, String kind, String partnerId, String hubChildId, String reason,
                             Instant parkedAt, Integer attempts, String caseSystemAnswer) {
    }

    /** Which dead letters: by partner, by words in the reason, by age. Empty fields match everything. */
    public record Filter(String partnerId, String reasonContains, Duration olderThan) {

        public static final Filter ALL = new Filter(null, null, null);

        boolean matches(DeadLetter d, Instant now) {
            return (partnerId == null || partnerId.isBlank() || partnerId.equals(d.partnerId()))
                    && (reasonContains == null || reasonContains.isBlank()
                    || (d.reason() != null && d.reason().toLowerCase(java.util.Locale.ROOT).contains(reasonContains.toLowerCase(java.util.Locale.ROOT))))
                    && (olderThan == null || (d.parkedAt() != null && d.parkedAt().isBefore(now.minus(olderThan))));
        }
    }

    private final ConnectionFactory connectionFactory;
    private final JdbcTemplate jdbc;
    private final AuditTrail auditTrail;

    DeadLetters(ConnectionFactory connectionFactory, JdbcTemplate jdbc, AuditTrail auditTrail) {
        this.connectionFactory = connectionFactory;
        this.jdbc = jdbc;
        this.auditTrail = auditTrail;
    }

    public List<DeadLetter> list(Filter filter, int limit) throws JMSException {
        Instant now = Instant.now();
        List<DeadLetter> found = new ArrayList<>();
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            for (String queue : QUEUES) {
                try (QueueBrowser browser = context.createBrowser(context.createQueue(queue))) {
                    for (Message m : Collections.list((Enumeration<Message>) browser.getEnumeration())) {
                        DeadLetter letter = of(m, queue);
                        if (letter.eventId() != null && filter.matches(letter, now)) {
                            found.add(letter);
                            if (found.size() >= limit) {
                                return found;
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    public Optional<DeadLetter> find(String eventId) throws JMSException {
        return list(Filter.ALL, Integer.MAX_VALUE).stream().filter(d -> d.eventId().equals(eventId)).findFirst();
    }

    /** Puts the event back on the delivery queue, in one broker transaction; false when it is not a dead letter. */
    @Transactional
    public boolean replay(String eventId, String actor) throws JMSException {
        return take(eventId, actor, null);
    }

    /** Replays every dead letter that matches; how many. */
    public int replayAll(Filter filter, String actor) throws JMSException {
        int replayed = 0;
        for (DeadLetter letter : list(filter, 10_000)) {
            replayed += replay(letter.eventId(), actor) ? 1 : 0;
        }
        return replayed;
    }

    /** Removes the event for good, with the reason; false when it is not a dead letter. */
    @Transactional
    public boolean discard(String eventId, String actor, String reason) throws JMSException {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Give the reason for discarding: it is recorded.");
        }
        FreeText.bounded("reason", reason, FreeText.REASON);
        return take(eventId, actor, reason);
    }

    private boolean take(String eventId, String actor, String discardReason) throws JMSException {
        String selector = HubHeaders.EVENT_ID + " = '" + eventId.replace("'", "''") + "'";
        try (JMSContext context = connectionFactory.createContext(JMSContext.SESSION_TRANSACTED)) {
            for (String queue : QUEUES) {
                Message letter;
                try (JMSConsumer consumer = context.createConsumer(context.createQueue(queue), selector)) {
                    letter = consumer.receive(500);
                }
                if (letter == null) {
                    continue;
                }
                if (discardReason == null) {
                    context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT)
                            .send(context.createQueue(Queues.CASE_SYSTEM_DELIVERY), copyForDelivery(context, letter, eventId));
                }
                jdbc.update("update accepted_event set status = ?, parked_reason = null where event_id = ?",
                        discardReason == null ? "PUBLISHED" : "DISCARDED", eventId);
                auditTrail.append(AuditRecord.of(discardReason == null ? AuditAction.REPLAYED : AuditAction.DISCARDED).actor(actor)
                        .eventId(eventId).partnerId(letter.getStringProperty(HubHeaders.PARTNER_ID))
                        .hubChildId(letter.getStringProperty(HubHeaders.HUB_CHILD_ID))
                        .detail("from " + queue + (discardReason == null ? "" : ": " + discardReason)));
                // The broker commits first, then the database (this method's transaction), as the pipeline does.
                context.commit();
                return true;
            }
            return false;
        }
    }

    private static TextMessage copyForDelivery(JMSContext context, Message letter, String eventId) throws JMSException {
        TextMessage copy = context.createTextMessage(((TextMessage) letter).getText());
        for (String name : List.of(HubHeaders.EVENT_ID, HubHeaders.EVENT_KIND, HubHeaders.HUB_CHILD_ID, HubHeaders.PARTNER_ID,
                HubHeaders.HUB_MESSAGE_ID, HubHeaders.CORRELATION_ID, HubHeaders.JMS_GROUP_ID)) {
            if (letter.propertyExists(name)) {
                copy.setStringProperty(name, letter.getStringProperty(name));
            }
        }
        if (letter.propertyExists(HubHeaders.ACCEPTED_AT)) {
            copy.setLongProperty(HubHeaders.ACCEPTED_AT, letter.getLongProperty(HubHeaders.ACCEPTED_AT));
        }
        // A replay is a new message to the broker (it has seen the event id), and the same event to the case system.
        copy.setStringProperty(HubHeaders.ARTEMIS_DUPLICATE_ID, eventId + ":replay:" + UUID.randomUUID());
        return copy;
    }

    private static DeadLetter of(Message m, String queue) throws JMSException {
        Instant at = m.propertyExists(HubHeaders.PARKED_AT) ? Instant.ofEpochMilli(m.getLongProperty(HubHeaders.PARKED_AT))
                : Instant.ofEpochMilli(m.getJMSTimestamp());
        String reason = m.getStringProperty(HubHeaders.PARK_REASON);
        if (reason == null && Queues.DEAD_LETTER.equals(queue)) {
            reason = "the broker gave up after every delivery attempt rolled back";
        }
        return new DeadLetter(m.getStringProperty(HubHeaders.EVENT_ID), queue, m.getStringProperty(HubHeaders.EVENT_KIND),
                m.getStringProperty(HubHeaders.PARTNER_ID), m.getStringProperty(HubHeaders.HUB_CHILD_ID), reason, at,
                m.propertyExists(HubHeaders.DELIVERY_ATTEMPTS) ? m.getIntProperty(HubHeaders.DELIVERY_ATTEMPTS) : null,
                m.getStringProperty(HubHeaders.CASE_SYSTEM_ANSWER));
    }
}
