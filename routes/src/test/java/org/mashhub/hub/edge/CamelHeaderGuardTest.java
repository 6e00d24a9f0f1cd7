package org.mashhub.hub.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class CamelHeaderGuardTest {

    @Test
    void dropsCamelHeadersInAnyLetterCaseAndKeepsTheRest() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("CamelHttpUri", "http://elsewhere");
        exchange.getMessage().setHeader("CAMELJMSDESTINATIONNAME", "hub.smuggled");
        exchange.getMessage().setHeader("cAmElExecCommandExecutable", "/bin/sh");
        exchange.getMessage().setHeader("camel", "x");
        exchange.getMessage().setHeader("MashEventId", "e-1");
        exchange.getMessage().setHeader("Content-Type", "application/json");
        exchange.getMessage().setHeader("Camelot", "not camel? it is: dropped too");

        CamelHeaderGuard.dropCamelHeaders(exchange);

        assertThat(exchange.getMessage().getHeaders()).containsOnlyKeys("MashEventId", "Content-Type");
    }
}
