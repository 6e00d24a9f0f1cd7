package org.mashhub.hub.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.mashhub.hub.edge.HubHeaders;
import org.mashhub.hub.ledger.EventLedger;
import org.mashhub.hub.ledger.EventStatus;
import org.mashhub.hub.operations.HubMetrics;
import org.mashhub.hub.sharing.SharingGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What became of a delivery, told to the ledger ({@link EventLedger}) from the exchange: delivered, retrying, parked,
 * with the sharing decision it went out under. And which copies from the broker are still to deliver.
 */
@Component
class DeliveryOutcomes {

    /** Exchange property: false when the event is not on its way any more (a copy the broker had twice). */
    static final String ON_ITS_WAY = "mashOnItsWay";

    private static final Logger log = LoggerFactory.getLogger(DeliveryOutcomes.class);

    private final EventLedger ledger;
    private final HubMetrics metrics;
    private final Clock clock;

    DeliveryOutcomes(EventLedger ledger, HubMetrics metrics, Clock clock) {
        this.ledger = ledger;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Whether the event is still to go to the case system. A copy of one delivered, parked or withheld already (the
     * relay sent it again after a crash, or the broker redelivered after the ledger's commit) goes no further; so
     * does a copy of an event the ledger does not hold, which only a hand-made message on the queue can be.
     */
    void checkOnItsWay(Exchange exchange) {
        String eventId = eventId(exchange);
        Optional<EventStatus> status = eventId == null ? Optional.empty() : ledger.status(eventId);
        if (status.isEmpty()) {
            log.warn("A message on the delivery queue names event {}, which the ledger does not hold: not delivered", eventId);
        }
        exchange.setProperty(ON_ITS_WAY, status.map(EventStatus::onItsWay).orElse(false));
    }

    /** The case system has the event. */
    void delivered(Exchange exchange) {
        ledger.delivered(subject(exchange), attempts(exchange), decided(exchange));
        Long acceptedAt = exchange.getMessage().getHeader(HubHeaders.ACCEPTED_AT, Long.class);
        if (acceptedAt != null) {
            metrics.delivered(exchange.getMessage().getHeader(HubHeaders.PARTNER_ID, String.class),
                    Duration.ofMillis(Math.max(0, clock.millis() - acceptedAt)));
        }
    }

    void retrying(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        ledger.retrying(subject(exchange), attempts(exchange), cause == null ? "unknown" : cause.getMessage(), decided(exchange));
    }

    void parked(Exchange exchange, String reason, String caseSystemAnswer) {
        ledger.parked(subject(exchange), reason, attempts(exchange), caseSystemAnswer, decided(exchange));
    }

    /**
     * An event the broker holds as a dead letter: parked, with the reason it came with (or the broker's), unless the
     * ledger has it as something else already (delivered by an earlier copy, parked, discarded).
     */
    void parkFromBroker(Exchange exchange) {
        String eventId = eventId(exchange);
        if (!ledger.status(eventId).map(EventStatus::onItsWay).orElse(false)) {
            return;
        }
        String reason = exchange.getMessage().getHeader(HubHeaders.PARK_REASON, String.class);
        Integer attempts = exchange.getMessage().getHeader(HubHeaders.DELIVERY_ATTEMPTS, Integer.class);
        ledger.parked(subject(exchange), reason == null ? "the broker gave up after every delivery attempt rolled back" : reason,
                attempts == null ? 0 : attempts, exchange.getMessage().getHeader(HubHeaders.CASE_SYSTEM_ANSWER, String.class), null);
    }

    /** The gate's decision to share goes with the first thing that became of the event after it, once per delivery. */
    private static EventLedger.SharingDecision decided(Exchange exchange) {
        EventLedger.SharingDecision decided = exchange.getProperty(SharingGate.DECIDED, EventLedger.SharingDecision.class);
        exchange.removeProperty(SharingGate.DECIDED);
        return decided;
    }

    /** Attempts at this event so far: the broker's deliveries before this one, plus Camel's tries in this one. */
    static int attempts(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class) + 1;
    }

    static EventLedger.Subject subject(Exchange exchange) {
        return new EventLedger.Subject(eventId(exchange), header(exchange, HubHeaders.PARTNER_ID),
                header(exchange, HubHeaders.HUB_MESSAGE_ID), header(exchange, HubHeaders.HUB_CHILD_ID),
                header(exchange, HubHeaders.CORRELATION_ID));
    }

    private static String eventId(Exchange exchange) {
        return header(exchange, HubHeaders.EVENT_ID);
    }

    private static String header(Exchange exchange, String name) {
        return exchange.getMessage().getHeader(name, String.class);
    }
}
