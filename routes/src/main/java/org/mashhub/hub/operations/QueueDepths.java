package org.mashhub.hub.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.mashhub.hub.broker.Queues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code mash_hub_queue_messages{queue}}: how many messages wait on each of the hub's queues, asked of the broker's
 * management address over JMS (the same for the embedded and a standalone broker), at most every ten seconds.
 */
@Component
class QueueDepths {

    private static final Logger log = LoggerFactory.getLogger(QueueDepths.class);
    private static final Duration FRESH_FOR = Duration.ofSeconds(10);

    private record Reading(double messages, long at) {
    }

    private final ConnectionFactory connectionFactory;
    private final Map<String, Reading> readings = new ConcurrentHashMap<>();

    QueueDepths(ConnectionFactory connectionFactory, MeterRegistry registry) {
        this.connectionFactory = connectionFactory;
        for (String queue : List.of(Queues.CASE_SYSTEM_DELIVERY, Queues.DEAD_LETTER)) {
            Gauge.builder("mash.hub.queue.messages", () -> depth(queue)).description("Messages waiting on the queue")
                    .tag("queue", queue).register(registry);
        }
    }

    double depth(String queue) {
        Reading reading = readings.get(queue);
        if (reading != null && System.currentTimeMillis() - reading.at() < FRESH_FOR.toMillis()) {
            return reading.messages();
        }
        double messages = ask(queue);
        readings.put(queue, new Reading(messages, System.currentTimeMillis()));
        return messages;
    }

    private double ask(String queue) {
        try (QueueConnection connection = ((jakarta.jms.QueueConnectionFactory) connectionFactory).createQueueConnection();
             QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE)) {
            QueueRequestor requestor = new QueueRequestor(session, ActiveMQJMSClient.createQueue("activemq.management"));
            connection.start();
            Message request = session.createMessage();
            JMSManagementHelper.putAttribute(request, "queue." + queue, "messageCount");
            Message reply = requestor.request(request);
            return reply == null ? Double.NaN : ((Number) JMSManagementHelper.getResult(reply)).doubleValue();
        } catch (Exception e) {
            log.debug("Queue depth of {} unknown: {}", queue, e.getClass().getName());
            return Double.NaN;
        }
    }
}
