package org.mashhub.hub.pipeline;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Accepting a partner message, the same for every partner. In: a {@link PartnerSubmission}; out: the
 * {@link Receipt}. A message accepted before gets its first receipt back. Otherwise the message joins a batch
 * ({@link AcceptanceBatches}): one database transaction spans the durable part of every message in it, each under
 * its own savepoint; the broker commits the batch's events inside it, just before the database, so by the time a
 * receipt exists both hold the message. Stages, per message: claim the message id, link children, validate
 * events, keep consent statements, audit; then, per batch, publish.
 */
@Component
public class AcceptancePipelineRoute extends RouteBuilder {

    public static final String ACCEPT = "direct:accept-partner-message";
    public static final String ROUTE_ID = "accept-partner-message";

    /** Only inside a batch's transaction ({@link AcceptanceBatches}): on its own each step would commit alone. */
    static final String ACCEPT_IN_BATCH = "direct:accept-durably";
    static final String IDENTIFY = "direct:identify-children";
    static final String VALIDATE = "direct:validate-events";
    static final String CONSENTS = "direct:record-consents";
    static final String AUDIT = "direct:audit-acceptance";

    private final PipelineStages stages;
    private final AcceptanceBatches batches;

    public AcceptancePipelineRoute(PipelineStages stages, AcceptanceBatches batches) {
        this.stages = stages;
        this.batches = batches;
    }

    @Override
    public void configure() {
        from(ACCEPT).routeId(ROUTE_ID)
                .process(stages::findEarlierReceipt).id("find-earlier-receipt")
                .filter(exchangeProperty(PipelineStages.RESUBMISSION).isNotEqualTo(true))
                    .process(batches::acceptDurably).id("accept-in-a-batch")
                .end();

        from(ACCEPT_IN_BATCH).routeId("accept-durably")
                .process(stages::claimMessageId).id("claim-message-id")
                .to(IDENTIFY).id("to-identify-children")
                .to(VALIDATE).id("to-validate-events")
                .to(CONSENTS).id("to-record-consents")
                .to(AUDIT).id("to-audit-acceptance");

        from(IDENTIFY).routeId("identify-children")
                .process(stages::identifyChildren).id("link-children");
        from(VALIDATE).routeId("validate-events")
                .process(stages::validateEvents).id("check-event-schemas");
        from(CONSENTS).routeId("record-consents")
                .process(stages::recordConsents).id("keep-consent-statements");
        from(AUDIT).routeId("audit-acceptance")
                .process(stages::auditAcceptance).id("append-audit");
    }
}
