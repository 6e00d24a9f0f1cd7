package org.mashhub.hub.broker;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code hub.broker}: the embedded broker's network acceptor (0 = in-VM only; otherwise a port on
 * loopback) and how much of each address is kept in memory before paging to disk.
 */
@ConfigurationProperties("hub.broker")
public record BrokerProperties(
        @DefaultValue("0") int acceptorPort,
        @DefaultValue("64MB") DataSize addressMaxSize,
        String url) {
}
