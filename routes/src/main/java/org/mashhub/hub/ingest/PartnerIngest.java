package org.mashhub.hub.ingest;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RuntimeCamelException;
import org.mashhub.hub.partner.Partner;
import org.mashhub.hub.pipeline.AcceptancePipelineRoute;
import org.mashhub.hub.edge.HubHeaders;
import org.mashhub.hub.ledger.PartnerSubmission;
import org.mashhub.hub.ledger.Receipt;
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
        return submit(routeEndpoint, partner, body, correlationId, Map.of());
    }

    /** As above, with what else the edge knows about the message (its format), as hub headers. */
    public Receipt submit(String routeEndpoint, Partner partner, byte[] body, String correlationId, Map<String, Object> hubHeaders) {
        Map<String, Object> headers = new HashMap<>(hubHeaders);
        headers.put(HubHeaders.PARTNER_ID, partner.id());
        headers.put(HubHeaders.CORRELATION_ID, correlationId);
        return request(routeEndpoint, body, headers);
    }

    /**
     * Accepts a submission the hub built itself from part of a partner's file (a row, a pupil, a batch of
     * attendance concerns), the same way as a message, and returns its receipt once durable.
     */
    public Receipt accept(PartnerSubmission submission) {
        return request(AcceptancePipelineRoute.ACCEPT, submission, Map.of(HubHeaders.PARTNER_ID, submission.partnerId(),
                HubHeaders.CORRELATION_ID, submission.correlationId()));
    }

    private Receipt request(String endpoint, Object body, Map<String, Object> headers) {
        try {
            return producer.requestBodyAndHeaders(endpoint, body, headers, Receipt.class);
        } catch (RuntimeException e) {
            if (unwrap(e) instanceof DuplicateKeyException) {
                // The same message was being accepted concurrently and won: once more gets its receipt.
                try {
                    return producer.requestBodyAndHeaders(endpoint, body, headers, Receipt.class);
                } catch (RuntimeException again) {
                    throw unwrap(again);
                }
            }
            throw unwrap(e);
        }
    }

    /** The route's own exception, out of the wrappers Camel puts around it on the way back. */
    private static RuntimeException unwrap(RuntimeException e) {
        Throwable t = e;
        while ((t instanceof CamelExecutionException || t instanceof RuntimeCamelException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof RuntimeException runtime ? runtime : e;
    }
}
