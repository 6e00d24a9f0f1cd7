package org.mashhub.hub.pipeline;

import org.mashhub.hub.edge.HubHeaders;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.util.List;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.mashhub.hub.broker.Queues;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.events.CanonicalEvent;
import org.springframework.stereotype.Component;

/**
 * Puts the events of a batch of messages on the delivery queue in one broker transaction, and returns only once
 * the broker has committed them to its journal.
 *
 * <p>The plain JMS API on purpose: Spring's JmsTemplate would join the database transaction and commit
 * the broker after the database, and a failure between the two would acknowledge events that are not
 * on the broker. This way the broker commits first; should the database then fail, the partner is told
 * to retry, and the repeat carries the same event ids, which the broker and the case system recognise.
 */
@Component
public class EventPublisher {

    private final ConnectionFactory connectionFactory;

    public EventPublisher(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    /** The events of these messages, in their order, in one transaction. */
    public void publish(List<PartnerSubmission> submissions) throws JMSException, JsonProcessingException {
        List<Outgoing> outgoing = new java.util.ArrayList<>();
        for (PartnerSubmission submission : submissions) {
            for (CanonicalEvent event : submission.events()) {
                outgoing.add(new Outgoing(CanonicalJson.mapper().writeValueAsString(event), event.eventId(), event.kind(),
                        event.child().hubChildId(), submission.partnerId(), submission.hubMessageId(), submission.correlationId(),
                        submission.receivedAt().toEpochMilli(), event.eventId()));
            }
        }
        if (outgoing.isEmpty() || send(outgoing) || submissions.size() == 1) {
            return;
        }
        // One message of the batch is a repeat whose events the broker holds, and the broker refused the whole
        // transaction for it: each message again on its own, so the others' events are not lost with it.
        for (PartnerSubmission submission : submissions) {
            publish(List.of(submission));
        }
    }

    /**
     * Puts an event a manager released back on the delivery queue. Its duplicate-detection id is not the event
     * id (the broker has seen that), but the release's own, so a second click of "release" sends nothing twice.
     */
    public void republishReleased(String eventJson, String eventId, String kind, String hubChildId, String partnerId,
                                  String hubMessageId, String correlationId, long acceptedAt) throws JMSException {
        send(List.of(new Outgoing(eventJson, eventId, kind, hubChildId, partnerId, hubMessageId, correlationId, acceptedAt,
                eventId + ":released")));
    }

    private record Outgoing(String json, String eventId, String kind, String hubChildId, String partnerId, String hubMessageId,
                            String correlationId, long acceptedAt, String duplicateId) {
    }

    /** Whether the broker took the events; false when it refused them as duplicates of events it holds. */
    private boolean send(List<Outgoing> events) throws JMSException {
        try (JMSContext context = connectionFactory.createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue queue = context.createQueue(Queues.CASE_SYSTEM_DELIVERY);
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            for (Outgoing event : events) {
                TextMessage message = context.createTextMessage(event.json());
                message.setStringProperty(HubHeaders.JMS_GROUP_ID, event.hubChildId());
                message.setStringProperty(HubHeaders.ARTEMIS_DUPLICATE_ID, event.duplicateId());
                message.setStringProperty(HubHeaders.EVENT_ID, event.eventId());
                message.setStringProperty(HubHeaders.EVENT_KIND, event.kind());
                message.setStringProperty(HubHeaders.HUB_CHILD_ID, event.hubChildId());
                message.setStringProperty(HubHeaders.PARTNER_ID, event.partnerId());
                message.setStringProperty(HubHeaders.HUB_MESSAGE_ID, event.hubMessageId());
                message.setStringProperty(HubHeaders.CORRELATION_ID, event.correlationId());
                message.setLongProperty(HubHeaders.ACCEPTED_AT, event.acceptedAt());
                producer.send(queue, message);
            }
            try {
                context.commit();
                return true;
            } catch (JMSRuntimeException e) {
                if (!alreadyOnTheBroker(e)) {
                    throw e;
                }
                // A partner's repeat of a message whose events the broker committed before the hub stopped (and before
                // the database did): the event ids are the same, the broker refuses them as duplicates. They are on
                // the queue, or were delivered, so the acceptance goes on to the database and the partner gets its receipt.
                return false;
            }
        }
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
