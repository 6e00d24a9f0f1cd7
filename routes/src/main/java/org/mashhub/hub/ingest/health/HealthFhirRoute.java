package org.mashhub.hub.ingest.health;

import org.apache.camel.builder.RouteBuilder;
import org.mashhub.hub.edge.CamelHeaderGuard;
import org.mashhub.hub.ingest.PartnerIngestErrorPolicy;
import org.mashhub.hub.pipeline.AcceptancePipelineRoute;
import org.springframework.stereotype.Component;

/** FHIR messages and record exports in, receipts out: parse, validate and map with the health adapters, then accept. */
@Component
class HealthFhirRoute extends RouteBuilder {

    static final String MESSAGE_ENTRY = "direct:health-fhir-message-inbound";
    static final String RECORD_ENTRY = "direct:health-fhir-record-inbound";

    private final HealthMessageIntake messages;
    private final HealthRecordIntake records;

    HealthFhirRoute(HealthMessageIntake messages, HealthRecordIntake records) {
        this.messages = messages;
        this.records = records;
    }

    @Override
    public void configure() {
        from(MESSAGE_ENTRY).routeId("health-fhir-message-inbound").routeConfigurationId(PartnerIngestErrorPolicy.ID)
                .process(CamelHeaderGuard::dropCamelHeaders).id("health-message-drop-camel-headers")
                .process(messages).id("parse-validate-map-fhir-message")
                .to(AcceptancePipelineRoute.ACCEPT).id("accept-fhir-message");

        from(RECORD_ENTRY).routeId("health-fhir-record-inbound").routeConfigurationId(PartnerIngestErrorPolicy.ID)
                .process(CamelHeaderGuard::dropCamelHeaders).id("health-record-drop-camel-headers")
                .process(records).id("parse-validate-map-fhir-record")
                .to(AcceptancePipelineRoute.ACCEPT).id("accept-fhir-record");
    }
}
