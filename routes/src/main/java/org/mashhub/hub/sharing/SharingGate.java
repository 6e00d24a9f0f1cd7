package org.mashhub.hub.sharing;

import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.edge.HubHeaders;
import org.mashhub.hub.ledger.EventLedger;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.events.CanonicalEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sharing policy at the door of the case system: every event is decided just before it is sent, with
 * the consent in force then. Shared events go on as decided (sharing block filled, redactions removed and
 * listed); withheld ones are held for a manager and go no further. A failure to decide withholds. Every
 * decision is audited with its rule: a withholding here, a decision to share together with what became of the
 * event next (delivered, retried or parked, see {@link #DECIDED}), so a shared event costs one transaction, not two.
 */
@Component
public class SharingGate {

    /** Exchange property: true when the event was withheld and must not be sent. */
    public static final String WITHHELD = "mashWithheld";
    /** Exchange property: the event JSON as it may be sent. */
    public static final String SHARED_JSON = "mashSharedEventJson";
    /** Exchange property: a decision to share ({@link EventLedger.SharingDecision}), for the delivery's own transaction to record. */
    public static final String DECIDED = "mashSharingDecided";

    private static final Logger log = LoggerFactory.getLogger(SharingGate.class);

    private final SharingPolicy policy;
    private final WithheldEvents withheld;
    private final EventLedger ledger;

    SharingGate(SharingPolicy policy, WithheldEvents withheld, EventLedger ledger) {
        this.policy = policy;
        this.withheld = withheld;
        this.ledger = ledger;
    }

    /**
     * @param eventJson the event as accepted
     */
    @Transactional
    public void decide(Exchange exchange, String eventJson) {
        String eventId = header(exchange, HubHeaders.EVENT_ID);
        String partnerId = header(exchange, HubHeaders.PARTNER_ID);
        SharingPolicy.Decision decision;
        try {
            CanonicalEvent event = CanonicalJson.mapper().readValue(eventJson, CanonicalEvent.class);
            decision = policy.decide(event, partnerId, released(eventId));
        } catch (Exception e) {
            // Fail closed: nothing the policy has not passed goes out.
            log.error("Sharing policy failed for event {}: {}", eventId, e.getClass().getName());
            decision = new SharingPolicy.Decision(SharingPolicy.Outcome.WITHHOLD, "policy.error",
                    "the sharing policy could not decide (" + e.getClass().getSimpleName() + ")", null, null, java.util.List.of());
        }
        String categories = decision.categories().stream()
                .map(c -> c.category().code() + ":" + c.outcome() + "/" + c.rule()).collect(Collectors.joining(","));
        AuditRecord audit = AuditRecord.of(AuditAction.POLICY_DECIDED).actor("hub")
                .correlationId(header(exchange, HubHeaders.CORRELATION_ID)).partnerId(partnerId)
                .hubMessageId(header(exchange, HubHeaders.HUB_MESSAGE_ID)).eventId(eventId)
                .hubChildId(header(exchange, HubHeaders.HUB_CHILD_ID))
                .detail("decision=" + decision.outcome() + " rule=" + decision.rule()
                        + (decision.agreement() == null ? "" : " agreement=" + decision.agreement())
                        + (categories.isEmpty() ? "" : " categories=" + categories));
        EventLedger.SharingDecision decided = new EventLedger.SharingDecision(decision.outcome().name(), decision.rule(), audit);
        if (decision.outcome() == SharingPolicy.Outcome.WITHHOLD) {
            exchange.setProperty(WITHHELD, true);
            if (withheld.hold(eventId, header(exchange, HubHeaders.HUB_CHILD_ID), partnerId, header(exchange, HubHeaders.EVENT_KIND),
                    decision.rule(), decision.reason())) {
                ledger.withheld(new EventLedger.Subject(eventId, partnerId, header(exchange, HubHeaders.HUB_MESSAGE_ID),
                        header(exchange, HubHeaders.HUB_CHILD_ID), header(exchange, HubHeaders.CORRELATION_ID)), decided);
            }
            return;
        }
        try {
            exchange.setProperty(SHARED_JSON, CanonicalJson.mapper().writeValueAsString(decision.shared()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        exchange.setProperty(DECIDED, decided);
    }

    /** A manager's release of this event, if it was withheld and released. */
    private Optional<SharingPolicy.ManagerRelease> released(String eventId) {
        return withheld.findAfterDecision(eventId).flatMap(WithheldEvents.Held::release);
    }

    private static String header(Exchange exchange, String name) {
        return exchange.getMessage().getHeader(name, String.class);
    }
}
