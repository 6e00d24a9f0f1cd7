package org.mashhub.hub.pipeline;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Accepting a partner message, the same for every partner. In: a {@link PartnerSubmission}; out: the
 * {@link Receipt}. A message accepted before gets its first receipt back. Otherwise one database
 * transaction spans the durable part; the broker commits inside it, just before the database, so by
 * the time the receipt exists both hold the message. Stages: claim the message id, link children,
 * validate events, keep consent statements, audit, publish.
 */
@Component
public class AcceptancePipelineRoute extends RouteBuilder {

    public static final String ACCEPT = "direct:accept-partner-message";
    public static final String ROUTE_ID = "accept-partner-message";

    static final String ACCEPT_DURABLY = "direct:accept-durably";
    static final String IDENTIFY = "direct:identify-children";
    static final String VALIDATE = "direct:validate-events";
    static final String CONSENTS = "direct:record-consents";
    static final String AUDIT = "direct:audit-acceptance";
    static final String PUBLISH = "direct:publish-events";

    private final PipelineStages stages;

    public AcceptancePipelineRoute(PipelineStages stages) {
        this.stages = stages;
    }

    @Override
    public void configure() {
        from(ACCEPT).routeId(ROUTE_ID)
                .process(stages::findEarlierReceipt).id("find-earlier-receipt")
                .filter(exchangeProperty(PipelineStages.RESUBMISSION).isNotEqualTo(true))
                    .to(ACCEPT_DURABLY).id("to-accept-durably")
                .end();

        from(ACCEPT_DURABLY).routeId("accept-durably")
                .transacted()
                .process(stages::claimMessageId).id("claim-message-id")
                .to(IDENTIFY).id("to-identify-children")
                .to(VALIDATE).id("to-validate-events")
                .to(CONSENTS).id("to-record-consents")
                .to(AUDIT).id("to-audit-acceptance")
                .to(PUBLISH).id("to-publish-events")
                .process(stages::receipt).id("make-receipt");

        from(IDENTIFY).routeId("identify-children")
                .process(stages::identifyChildren).id("link-children");
        from(VALIDATE).routeId("validate-events")
                .process(stages::validateEvents).id("check-event-schemas");
        from(CONSENTS).routeId("record-consents")
                .process(stages::recordConsents).id("keep-consent-statements");
        from(AUDIT).routeId("audit-acceptance")
                .process(stages::auditAcceptance).id("append-audit");
        from(PUBLISH).routeId("publish-events")
                .process(stages::publishEvents).id("send-to-broker");
    }
}
