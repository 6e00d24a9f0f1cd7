package org.mashhub.hub.edge;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.mashhub.hub.edge.HubHeaders;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Puts the exchange's correlation id into the logging MDC for as long as a route that an exchange
 * starts in is working on it, on whatever thread (HTTP request, JMS listener) that is.
 */
@Component
public class CorrelationMdcRoutePolicyFactory implements RoutePolicyFactory {

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        return new RoutePolicySupport() {
            @Override
            public void onExchangeBegin(Route r, Exchange exchange) {
                String id = exchange.getMessage().getHeader(HubHeaders.CORRELATION_ID, String.class);
                if (id != null) {
                    MDC.put(CorrelationId.MDC_KEY, CorrelationId.acceptOrCreate(id));
                }
            }

            @Override
            public void onExchangeDone(Route r, Exchange exchange) {
                // Only the route the exchange started in clears it; routes it calls leave it in place.
                if (r.getRouteId().equals(exchange.getFromRouteId()) && exchange.getFromEndpoint() != null
                        && !exchange.getFromEndpoint().getEndpointUri().startsWith("direct:")) {
                    MDC.remove(CorrelationId.MDC_KEY);
                }
            }
        };
    }
}
