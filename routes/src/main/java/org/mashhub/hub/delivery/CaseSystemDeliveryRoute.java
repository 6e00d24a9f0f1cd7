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

/** Delivery queue to case system, one transacted event at a time per consumer, through the sharing policy. */
@Component
class CaseSystemDeliveryRoute extends RouteBuilder {

    static final String ROUTE_ID = "case-system-delivery";
    /** Parks the event being delivered: to the parked queue with the reason, in the consumer's transaction; audited. */
    static final String PARK = "direct:park-event";

    private static final Logger log = LoggerFactory.getLogger(CaseSystemDeliveryRoute.class);

    private final DeliveryProperties properties;
    private final CaseSystemClient caseSystem;
    private final DeliveryLedger ledger;
    private final SharingGate gate;

    CaseSystemDeliveryRoute(DeliveryProperties properties, CaseSystemClient caseSystem, DeliveryLedger ledger, SharingGate gate) {
        this.properties = properties;
        this.caseSystem = caseSystem;
        this.ledger = ledger;
        this.gate = gate;
    }

    @Override
    public void configure() {
        from("jms:queue:" + Queues.CASE_SYSTEM_DELIVERY + "?concurrentConsumers=" + properties.concurrentConsumers())
                .routeId(ROUTE_ID).routeConfigurationId(DeliveryErrorPolicy.ID)
                .process(CamelHeaderGuard::dropCamelHeaders).id("delivery-drop-camel-headers")
                .setProperty(CaseSystemClient.EVENT_JSON, body()).id("keep-event")
                .process(ledger::requireAccepted).id("require-accepted")
                // One gate: nothing the sharing policy has not passed reaches the case system.
                .process(e -> gate.decide(e, e.getProperty(CaseSystemClient.EVENT_JSON, String.class))).id("apply-sharing-policy")
                .filter(exchangeProperty(SharingGate.WITHHELD).isNotEqualTo(true))
                    .process(caseSystem).id("post-to-case-system")
                    .process(ledger::delivered).id("record-delivered")
                .end();

        from(PARK).routeId("park-event")
                .process(CaseSystemDeliveryRoute::prepareForParking).id("give-park-reason")
                .to("jms:queue:" + Queues.CASE_SYSTEM_PARKED).id("send-to-parked-queue")
                .process(this::recordParked).id("record-parked");
    }

    private static void prepareForParking(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause instanceof EventNotAcceptedException ? cause.getMessage()
                : (cause instanceof CaseSystemRejectedException ? "rejected: " : "retries exhausted: ")
                + (cause == null ? "unknown" : cause.getMessage());
        exchange.getMessage().setHeader(HubHeaders.PARK_REASON, reason);
        exchange.getMessage().setHeader(HubHeaders.PARKED_AT, System.currentTimeMillis());
        exchange.getMessage().setHeader(HubHeaders.DELIVERY_ATTEMPTS, DeliveryLedger.attempts(exchange));
        if (cause instanceof CaseSystemRejectedException rejected) {
            exchange.getMessage().setHeader(HubHeaders.CASE_SYSTEM_ANSWER, rejected.responseExcerpt());
        }
        // A parked event may be parked again after a replay; the broker must not take that for a duplicate.
        exchange.getMessage().removeHeader(HubHeaders.ARTEMIS_DUPLICATE_ID);
        exchange.getMessage().setBody(exchange.getProperty(CaseSystemClient.EVENT_JSON, String.class));
    }

    private void recordParked(Exchange exchange) {
        String reason = exchange.getMessage().getHeader(HubHeaders.PARK_REASON, String.class);
        ledger.parked(exchange, reason);
        log.warn("Event {} parked: {}", exchange.getMessage().getHeader(HubHeaders.EVENT_ID), reason);
    }
}
