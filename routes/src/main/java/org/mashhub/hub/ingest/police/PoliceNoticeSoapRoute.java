package org.mashhub.hub.ingest.police;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.mashhub.hub.edge.CamelHeaderGuard;
import org.mashhub.hub.edge.CorrelationIdFilter;
import org.mashhub.hub.ingest.PartnerIngestErrorPolicy;
import org.mashhub.hub.pipeline.AcceptancePipelineRoute;
import org.mashhub.hub.edge.HubHeaders;
import org.springframework.stereotype.Component;

/**
 * The SOAP edge for police forces: who is calling (the authenticated partner, from the servlet request), then the
 * notice route and its receipt, or the force's answer to a request for information ({@code RespondToEnquiry}); or a Fault.
 */
@Component
class PoliceNoticeSoapRoute extends RouteBuilder {

    static final String NOTICE_ROUTE = "direct:police-notice-inbound";

    private final PoliceNoticeIntake intake;
    private final SoapAnswers answers;
    private final PoliceAnswerIntake enquiryAnswers;

    PoliceNoticeSoapRoute(PoliceNoticeIntake intake, SoapAnswers answers, PoliceAnswerIntake enquiryAnswers) {
        this.enquiryAnswers = enquiryAnswers;
        this.intake = intake;
        this.answers = answers;
    }

    @Override
    public void configure() {
        // Synchronous: the force waits for its receipt on its own request thread, which Spring Security
        // authenticated (an asynchronous continuation would be dispatched again, without the partner).
        from("cxf:bean:policeNoticeEndpoint?synchronous=true").routeId("police-notice-soap")
                .process(PoliceNoticeSoapRoute::identifyCaller).id("identify-police-caller")
                .process(CamelHeaderGuard::dropCamelHeaders).id("police-drop-camel-headers")
                .convertBodyTo(String.class)
                .doTry()
                    .choice()
                        .when(PoliceAnswerIntake::isAnswer)
                            .process(enquiryAnswers).id("take-enquiry-answer")
                            .process(answers::answerTaken).id("answer-answer-taken")
                        .otherwise()
                            .to(NOTICE_ROUTE).id("to-police-notice-inbound")
                            .process(answers::receipt).id("answer-receipt")
                    .end()
                .endDoTry()
                .doCatch(Exception.class)
                    .process(answers::fault).id("answer-fault")
                .end();

        from(NOTICE_ROUTE).routeId("police-notice-inbound").routeConfigurationId(PartnerIngestErrorPolicy.ID)
                .process(intake).id("parse-validate-map-ppn")
                .to(AcceptancePipelineRoute.ACCEPT).id("accept-ppn");
    }

    /** The partner and correlation id come from the servlet request Spring Security authenticated, never from the message. */
    private static void identifyCaller(Exchange exchange) {
        Message cxf = exchange.getMessage().getHeader(CxfConstants.CAMEL_CXF_MESSAGE, Message.class);
        HttpServletRequest request = cxf == null ? null : (HttpServletRequest) cxf.get(AbstractHTTPDestination.HTTP_REQUEST);
        if (request == null || request.getUserPrincipal() == null) {
            throw new IllegalStateException("a police notice without an authenticated partner");
        }
        exchange.getMessage().setHeader(HubHeaders.PARTNER_ID, request.getUserPrincipal().getName());
        exchange.getMessage().setHeader(HubHeaders.CORRELATION_ID, CorrelationIdFilter.of(request));
    }
}
