package org.mashhub.hub.broker;

import jakarta.jms.ConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.jms.JmsHeaderFilterStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Camel {@code jms:} component: transacted JMS sessions (a message is acknowledged only when its
 * route finishes without an unhandled error, and rolled back otherwise), consumers kept open so Artemis
 * message groups stay with one consumer, and Camel headers never taken from a JMS message.
 */
@Configuration(proxyBeanMethods = false)
class JmsComponentConfiguration {

    @Bean("jms")
    JmsComponent jms(ConnectionFactory connectionFactory) {
        JmsComponent jms = JmsComponent.jmsComponent(connectionFactory);
        jms.setTransacted(true);
        // Local JMS transactions, not a JmsTransactionManager: keeps CACHE_CONSUMER, so groups stay put.
        jms.setLazyCreateTransactionManager(false);
        jms.setCacheLevelName("CACHE_CONSUMER");
        jms.setDeliveryPersistent(true);
        JmsHeaderFilterStrategy headers = new JmsHeaderFilterStrategy();
        headers.setLowerCase(true);
        jms.setHeaderFilterStrategy(headers);
        return jms;
    }
}
