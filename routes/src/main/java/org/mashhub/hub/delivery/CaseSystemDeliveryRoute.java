package org.mashhub.hub.delivery;

import org.apache.camel.builder.RouteBuilder;
import org.mashhub.hub.broker.Queues;
import org.mashhub.hub.edge.CamelHeaderGuard;
import org.springframework.stereotype.Component;

/** Delivery queue to case system, one transacted event at a time per consumer. */
@Component
class CaseSystemDeliveryRoute extends RouteBuilder {

    static final String ROUTE_ID = "case-system-delivery";

    private final DeliveryProperties properties;
    private final CaseSystemClient caseSystem;
    private final DeliveryLedger ledger;

    CaseSystemDeliveryRoute(DeliveryProperties properties, CaseSystemClient caseSystem, DeliveryLedger ledger) {
        this.properties = properties;
        this.caseSystem = caseSystem;
        this.ledger = ledger;
    }

    @Override
    public void configure() {
        from("jms:queue:" + Queues.CASE_SYSTEM_DELIVERY + "?concurrentConsumers=" + properties.concurrentConsumers())
                .routeId(ROUTE_ID).routeConfigurationId(DeliveryErrorPolicy.ID)
                .process(CamelHeaderGuard::dropCamelHeaders).id("delivery-drop-camel-headers")
                .setProperty(CaseSystemClient.EVENT_JSON, body()).id("keep-event")
                .process(caseSystem).id("post-to-case-system")
                .process(ledger::delivered).id("record-delivered");
    }
}
