package org.mashhub.hub.ingest;

import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.mashhub.hub.partner.Partner;
import org.mashhub.hub.pipeline.HubHeaders;
import org.mashhub.hub.pipeline.Receipt;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The gateway from an HTTP edge into a partner route. Only the authenticated partner and the correlation
 * id go in as headers; nothing from the HTTP request does, so no request header can steer the route.
 */
@Component
public class PartnerIngest {

    private final ProducerTemplate producer;

    public PartnerIngest(ProducerTemplate producer) {
        this.producer = producer;
    }

    /**
     * Runs the partner message through its route and returns the receipt once it is durable.
     *
     * @throws RuntimeException the route's own failure, unwrapped, for the edge to answer
     */
    public Receipt submit(String routeEndpoint, Partner partner, byte[] body, String correlationId) {
        Map<String, Object> headers = Map.of(
                HubHeaders.PARTNER_ID, partner.id(),
                HubHeaders.CORRELATION_ID, correlationId);
        try {
            return producer.requestBodyAndHeaders(routeEndpoint, body, headers, Receipt.class);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof DuplicateKeyException) {
                // The same message was being accepted concurrently and won: once more gets its receipt.
                try {
                    return producer.requestBodyAndHeaders(routeEndpoint, body, headers, Receipt.class);
                } catch (CamelExecutionException again) {
                    throw unwrap(again);
                }
            }
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(CamelExecutionException e) {
        return e.getCause() instanceof RuntimeException cause ? cause : e;
    }
}
