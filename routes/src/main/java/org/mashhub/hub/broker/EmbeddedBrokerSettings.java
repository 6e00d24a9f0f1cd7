package org.mashhub.hub.broker;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the embedded Artemis keeps messages: synced to its journal before a send or commit returns,
 * paged to disk (never dropped, never blocking the partner indefinitely) when an address is full,
 * duplicate sends of one event recognised, and a message it could not hand over after repeated
 * rollbacks kept in {@value Queues#DEAD_LETTER}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.artemis.embedded.enabled", havingValue = "true", matchIfMissing = true)
class EmbeddedBrokerSettings {

    /** Rollbacks before the broker gives a message up: the hub retries deliveries itself, so these are crashes or outages of its database. */
    static final int MAX_DELIVERY_ATTEMPTS = 50;

    @Bean
    ArtemisConfigurationCustomizer hubBrokerSettings(BrokerProperties broker) {
        return configuration -> {
            configuration.setJournalSyncTransactional(true);
            configuration.setJournalSyncNonTransactional(true);
            configuration.setPersistIDCache(true);
            configuration.setIDCacheSize(100_000);
            configuration.setSecurityEnabled(false); // in-VM, or loopback only: see below
            configuration.addAddressSetting("#", new AddressSettings()
                    .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                    .setMaxSizeBytes(broker.addressMaxSize().toBytes())
                    .setDeadLetterAddress(SimpleString.of(Queues.DEAD_LETTER))
                    .setExpiryAddress(SimpleString.of(Queues.EXPIRY))
                    .setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS)
                    .setRedeliveryDelay(1_000)
                    .setRedeliveryMultiplier(2.0)
                    .setMaxRedeliveryDelay(60_000));
            if (broker.acceptorPort() > 0) {
                // A network acceptor only ever on loopback, and only for the core protocol.
                try {
                    configuration.addAcceptorConfiguration("loopback",
                            "tcp://127.0.0.1:" + broker.acceptorPort() + "?protocols=CORE");
                } catch (Exception e) {
                    throw new IllegalStateException("hub.broker.acceptor-port: cannot configure the acceptor", e);
                }
            }
        };
    }
}
