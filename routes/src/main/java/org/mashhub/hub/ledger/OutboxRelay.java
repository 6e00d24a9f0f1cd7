package org.mashhub.hub.ledger;

import jakarta.annotation.PreDestroy;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.mashhub.hub.broker.Queues;
import org.mashhub.hub.edge.HubHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves committed outbox rows to the broker's delivery queue, oldest first, and deletes them once the broker has them.
 *
 * <p>A batch is one broker transaction: it commits (synced to the journal) before the database transaction that deletes
 * its rows. Killed between the two, the hub sends the batch again when it restarts; each message carries its broker duplicate id (the event id,
 * or the replay's or release's own), so the broker drops the copies it already holds, and the case system's
 * idempotency key is the event id besides. Rows are taken in the order of their ids: an acceptance takes its
 * children's row locks before it adds outbox rows, so a child's rows are in the order their acceptances committed,
 * and Artemis message groups (one per child) keep that order to the case system.
 */
@Component
public class OutboxRelay {

    private final JdbcTemplate jdbc;
    private final ConnectionFactory connectionFactory;
    private final OutboxProperties settings;
    private final TransactionTemplate transaction;
    private JMSContext session;

    OutboxRelay(JdbcTemplate jdbc, ConnectionFactory connectionFactory, OutboxProperties settings, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.connectionFactory = connectionFactory;
        this.settings = settings;
        this.transaction = new TransactionTemplate(transactions);
    }

    private record Outgoing(long id, String duplicateId, String eventId, String json, String kind, String hubChildId,
                            Long childSequence, String partnerId, String hubMessageId, String correlationId, long acceptedAt) {
    }

    /**
     * Sends the oldest waiting rows (at most a batch); how many. The batch is one database transaction holding the
     * relay's turn, so hub instances sharing a database relay one after the other.
     */
    public synchronized int relayBatch() {
        // A look without the turn first: taking it is a write (a row lock), and a commit to wait for, every poll.
        if (jdbc.queryForList("select id from event_outbox order by id limit 1").isEmpty()) {
            return 0;
        }
        return transaction.execute(status -> {
            jdbc.queryForList("select id from outbox_relay_turn where id = 1 for update");
            return relayInTurn();
        });
    }

    private int relayInTurn() {
        List<Outgoing> batch = jdbc.query("""
                select o.id, o.duplicate_id, a.event_id, a.payload, a.kind, a.hub_child_id, a.child_sequence, a.partner_id,
                       a.hub_message_id, m.correlation_id, a.accepted_at
                from event_outbox o
                join accepted_event a on a.event_id = o.event_id
                join inbound_message m on m.hub_message_id = a.hub_message_id
                order by o.id
                limit ?""", (rs, i) -> new Outgoing(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), (Long) rs.getObject(7, Long.class), rs.getString(8),
                rs.getString(9), rs.getString(10), rs.getObject(11, OffsetDateTime.class).toInstant().toEpochMilli()),
                settings.batch());
        if (batch.isEmpty()) {
            return 0;
        }
        if (!send(batch)) {
            // The broker refused the whole transaction: some of it was sent before a crash and is held. Each on its own,
            // so the rest is not lost with it.
            batch.forEach(one -> send(List.of(one)));
        }
        String in = String.join(",", Collections.nCopies(batch.size(), "?"));
        jdbc.update("delete from event_outbox where id in (" + in + ")", batch.stream().map(Outgoing::id).toArray());
        return batch.size();
    }

    /** Whether the broker took the events; false when it refused them as copies of events it holds. */
    private boolean send(List<Outgoing> events) {
        JMSContext context = session();
        try {
            Queue queue = context.createQueue(Queues.CASE_SYSTEM_DELIVERY);
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            for (Outgoing event : events) {
                producer.send(queue, message(context, event));
            }
            context.commit();
            return true;
        } catch (JMSRuntimeException e) {
            if (alreadyOnTheBroker(e)) {
                return false; // the broker rolled the transaction back
            }
            closeSession(); // a new session next time: this one may be broken with its connection
            throw e;
        }
    }

    /** The relay's one session, kept open between batches (only the relay's one thread uses it). */
    private JMSContext session() {
        if (session == null) {
            session = connectionFactory.createContext(JMSContext.SESSION_TRANSACTED);
        }
        return session;
    }

    private void closeSession() {
        if (session != null) {
            try {
                session.close();
            } catch (RuntimeException ignored) {
                // closing what is broken anyway
            }
            session = null;
        }
    }

    @PreDestroy
    void close() {
        closeSession();
    }

    private static TextMessage message(JMSContext context, Outgoing event) {
        TextMessage message = context.createTextMessage(event.json());
        try {
            message.setStringProperty(HubHeaders.JMS_GROUP_ID, event.hubChildId());
            message.setStringProperty(HubHeaders.ARTEMIS_DUPLICATE_ID, event.duplicateId());
            message.setStringProperty(HubHeaders.EVENT_ID, event.eventId());
            message.setStringProperty(HubHeaders.EVENT_KIND, event.kind());
            message.setStringProperty(HubHeaders.HUB_CHILD_ID, event.hubChildId());
            if (event.childSequence() != null) {
                message.setLongProperty(HubHeaders.CHILD_SEQUENCE, event.childSequence());
            }
            message.setStringProperty(HubHeaders.PARTNER_ID, event.partnerId());
            message.setStringProperty(HubHeaders.HUB_MESSAGE_ID, event.hubMessageId());
            message.setStringProperty(HubHeaders.CORRELATION_ID, event.correlationId());
            message.setLongProperty(HubHeaders.ACCEPTED_AT, event.acceptedAt());
        } catch (jakarta.jms.JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
        return message;
    }

    /** The broker rolled the transaction back because it has seen these duplicate-detection ids before. */
    private static boolean alreadyOnTheBroker(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ActiveMQException amq && amq.getType() == ActiveMQExceptionType.DUPLICATE_ID_REJECTED) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains("Duplicate message detected")) {
                return true;
            }
        }
        return false;
    }
}
