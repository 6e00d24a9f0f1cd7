package org.mashhub.hub.ledger;

import java.time.Instant;
import java.util.List;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.Problem;
import org.mashhub.schemas.events.CanonicalEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Events the hub makes rather than maps from a partner's message (its own notices, a partner's answer to a check), put
 * in the ledger as one message with their outbox rows, inside the transaction of the change they tell of: delivered if,
 * and only if, that change committed. Each must meet its schema (a failure is the hub's bug, and rolls the change back).
 */
@Component
public class MadeEvents {

    private final InboundMessages inboundMessages;
    private final EventLedger ledger;

    MadeEvents(InboundMessages inboundMessages, EventLedger ledger) {
        this.inboundMessages = inboundMessages;
        this.ledger = ledger;
    }

    /**
     * Only inside the transaction of the change: it takes the children's next sequence numbers, so a caller that also
     * accepts a partner's message calls this after that acceptance (children's rows are then locked in one order).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String actor, String partnerId, String partnerMessageId, String hubMessageId, String correlationId, Instant at,
                       List<CanonicalEvent> events) {
        for (CanonicalEvent event : events) {
            List<Problem> problems = event.contract().validate(CanonicalJson.mapper().valueToTree(event));
            if (!problems.isEmpty()) {
                throw new IllegalStateException(event.kind() + " does not meet its schema: " + problems);
            }
        }
        PartnerSubmission submission = new PartnerSubmission(partnerId, partnerMessageId, hubMessageId, MessageFingerprint.of(events),
                correlationId, at, events, List.of(), List.of());
        inboundMessages.claim(submission);
        ledger.accept(submission, List.of(AuditRecord.of(AuditAction.RECEIVED).actor(actor).correlationId(correlationId)
                .partnerId(partnerId).hubMessageId(hubMessageId).detail("made=" + events.size() + " " + events.get(0).kind())));
    }
}
