package org.mashhub.hub.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.util.List;
import org.mashhub.hub.broker.Queues;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.events.CanonicalEvent;
import org.springframework.stereotype.Component;

/**
 * Puts a message's events on the delivery queue in one broker transaction, and returns only once the
 * broker has committed them to its journal.
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

    public void publish(PartnerSubmission submission) throws JMSException, JsonProcessingException {
        List<CanonicalEvent> events = submission.events();
        try (JMSContext context = connectionFactory.createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue queue = context.createQueue(Queues.CASE_SYSTEM_DELIVERY);
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            for (CanonicalEvent event : events) {
                TextMessage message = context.createTextMessage(CanonicalJson.mapper().writeValueAsString(event));
                message.setStringProperty(HubHeaders.JMS_GROUP_ID, event.child().hubChildId());
                message.setStringProperty(HubHeaders.ARTEMIS_DUPLICATE_ID, event.eventId());
                message.setStringProperty(HubHeaders.EVENT_ID, event.eventId());
                message.setStringProperty(HubHeaders.EVENT_KIND, event.kind());
                message.setStringProperty(HubHeaders.HUB_CHILD_ID, event.child().hubChildId());
                message.setStringProperty(HubHeaders.PARTNER_ID, submission.partnerId());
                message.setStringProperty(HubHeaders.HUB_MESSAGE_ID, submission.hubMessageId());
                message.setStringProperty(HubHeaders.CORRELATION_ID, submission.correlationId());
                message.setLongProperty(HubHeaders.ACCEPTED_AT, submission.receivedAt().toEpochMilli());
                producer.send(queue, message);
            }
            context.commit();
        }
    }
}
