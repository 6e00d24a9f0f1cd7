package org.mashhub.hub.ingest.housing;

import org.apache.camel.builder.RouteBuilder;
import org.mashhub.hub.edge.CamelHeaderGuard;
import org.mashhub.hub.ingest.PartnerIngestErrorPolicy;
import org.mashhub.hub.pipeline.AcceptancePipelineRoute;
import org.springframework.stereotype.Component;

/** Housing notification in, receipt out: parse and map with the housing adapter, then accept. */
@Component
class HousingNotificationRoute extends RouteBuilder {

    static final String ENTRY = "direct:housing-notification-inbound";
    static final String ROUTE_ID = "housing-notification-inbound";

    private final HousingIntake intake;

    HousingNotificationRoute(HousingIntake intake) {
        this.intake = intake;
    }

    @Override
    public void configure() {
        from(ENTRY).routeId(ROUTE_ID).routeConfigurationId(PartnerIngestErrorPolicy.ID)
                .process(CamelHeaderGuard::dropCamelHeaders).id("housing-drop-camel-headers")
                .process(intake).id("parse-and-map-housing")
                .to(AcceptancePipelineRoute.ACCEPT).id("accept");
    }
}
