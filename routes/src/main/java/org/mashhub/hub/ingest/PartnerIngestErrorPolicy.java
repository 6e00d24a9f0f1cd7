package org.mashhub.hub.ingest;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.mashhub.adapters.InvalidMessageException;
import org.mashhub.adapters.NotAChildException;
import org.mashhub.hub.edge.HubHeaders;
import org.mashhub.hub.ledger.MessageIdReusedException;
import org.springframework.stereotype.Component;

/**
 * The one error policy of the routes that take partner messages. Refusals are audited here and then
 * travel back to the edge, which answers the partner (problem details, SOAP fault, OperationOutcome).
 * Nothing is retried here: a partner told 503 sends again, and nothing was acknowledged meanwhile.
 */
@Component
public class PartnerIngestErrorPolicy extends RouteConfigurationBuilder {

    public static final String ID = "partner-ingest-errors";

    private final RejectionAudit rejectionAudit;

    public PartnerIngestErrorPolicy(RejectionAudit rejectionAudit) {
        this.rejectionAudit = rejectionAudit;
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(NotAChildException.class)
                    .handled(false)
                    .process(exchange -> audit(exchange, 422, "not-a-child: nothing kept"))
                .end()
                .onException(InvalidMessageException.class)
                    .handled(false)
                    .process(this::auditInvalid)
                .end()
                .onException(PartnerMismatchException.class)
                    .handled(false)
                    .process(exchange -> audit(exchange, 403, "sender-is-another-partner"))
                .end()
                .onException(MessageIdReusedException.class)
                    .handled(false)
                    .process(exchange -> audit(exchange, 409, "message-id-reused"))
                .end();
    }

    private void auditInvalid(Exchange exchange) {
        InvalidMessageException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, InvalidMessageException.class);
        int status = e.kind() == InvalidMessageException.Kind.MALFORMED ? 400 : 422;
        audit(exchange, status, e.kind().name().toLowerCase() + " problems=" + e.problems().size());
    }

    private void audit(Exchange exchange, int status, String reason) {
        rejectionAudit.rejected(exchange.getMessage().getHeader(HubHeaders.PARTNER_ID, String.class),
                exchange.getMessage().getHeader(HubHeaders.CORRELATION_ID, String.class), status, reason);
    }
}
