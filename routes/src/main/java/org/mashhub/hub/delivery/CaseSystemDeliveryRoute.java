package org.mashhub.hub.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.mashhub.hub.broker.Queues;
import org.mashhub.hub.edge.CamelHeaderGuard;
import org.mashhub.hub.edge.HubHeaders;
import org.mashhub.hub.sharing.SharingGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivery to the case system: one transacted event at a time per consumer, only while the ledger has it on its way,
 * through the sharing policy. What became of it is recorded in the ledger before the broker's copy is acknowledged; a
 * copy read again after a crash between the two finds the event delivered (or parked) and goes no further.
 */
@Component
class CaseSystemDeliveryRoute extends RouteBuilder {

    static final String ROUTE_ID = "case-system-delivery";
    /** Parks the event being delivered, in the ledger, with the reason. */
    static final String PARK = "direct:park-event";

    private static final Logger log = LoggerFactory.getLogger(CaseSystemDeliveryRoute.class);

    private final DeliveryProperties properties;
    private final CaseSystemClient caseSystem;
    private final DeliveryOutcomes outcomes;
    private final SharingGate gate;

    CaseSystemDeliveryRoute(DeliveryProperties properties, CaseSystemClient caseSystem, DeliveryOutcomes outcomes, SharingGate gate) {
        this.properties = properties;
        this.caseSystem = caseSystem;
        this.outcomes = outcomes;
        this.gate = gate;
    }

    @Override
    public void configure() {
        from("jms:queue:" + Queues.CASE_SYSTEM_DELIVERY + "?concurrentConsumers=" + properties.concurrentConsumers())
                .routeId(ROUTE_ID).routeConfigurationId(DeliveryErrorPolicy.ID)
                .process(CamelHeaderGuard::dropCamelHeaders).id("delivery-drop-camel-headers")
                .setProperty(CaseSystemClient.EVENT_JSON, body()).id("keep-event")
                .process(outcomes::checkOnItsWay).id("check-on-its-way")
                .filter(exchangeProperty(DeliveryOutcomes.ON_ITS_WAY).isEqualTo(true))
                    // One gate: nothing the sharing policy has not passed reaches the case system.
                    .process(e -> gate.decide(e, e.getProperty(CaseSystemClient.EVENT_JSON, String.class))).id("apply-sharing-policy")
                    .filter(exchangeProperty(SharingGate.WITHHELD).isNotEqualTo(true))
                        .process(caseSystem).id("post-to-case-system")
                        .process(outcomes::delivered).id("record-delivered")
                    .end()
                .end();

        from(PARK).routeId("park-event")
                .process(this::park).id("record-parked");

        // What the broker gave up on (every delivery rolled back, say with the database down), and what hubs before the
        // ledger parked on a queue: parked in the ledger, where engineers see and replay them.
        fromF("jms:queue:%s?selector=RAW(%s IS NOT NULL)", Queues.DEAD_LETTER, HubHeaders.EVENT_ID).routeId("dead-letters-to-ledger")
                .process(CamelHeaderGuard::dropCamelHeaders).id("dead-letter-drop-camel-headers")
                .process(outcomes::parkFromBroker).id("park-dead-letter");
        fromF("jms:queue:%s", Queues.CASE_SYSTEM_PARKED).routeId("parked-queue-to-ledger")
                .process(CamelHeaderGuard::dropCamelHeaders).id("parked-drop-camel-headers")
                .process(outcomes::parkFromBroker).id("park-from-old-queue");
    }

    private void park(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = (cause instanceof CaseSystemRejectedException ? "rejected: " : "retries exhausted: ")
                + (cause == null ? "unknown" : cause.getMessage());
        outcomes.parked(exchange, reason, cause instanceof CaseSystemRejectedException rejected ? rejected.responseExcerpt() : null);
        log.warn("Event {} parked: {}", exchange.getMessage().getHeader(HubHeaders.EVENT_ID), reason);
    }
}
