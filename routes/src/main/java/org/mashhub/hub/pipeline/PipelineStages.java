package org.mashhub.hub.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
import org.mashhub.hub.identity.ChildIndex;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.Problem;
import org.mashhub.schemas.events.CanonicalEvent;
import org.springframework.stereotype.Component;

/** The stages of {@link AcceptancePipelineRoute}, one method each, in the order the route calls them. */
@Component
public class PipelineStages {

    static final String RESUBMISSION = "mashResubmission";

    private final InboundMessages inboundMessages;
    private final ChildIndex childIndex;
    private final AuditTrail auditTrail;
    private final EventPublisher publisher;

    public PipelineStages(InboundMessages inboundMessages, ChildIndex childIndex, AuditTrail auditTrail,
                          EventPublisher publisher) {
        this.inboundMessages = inboundMessages;
        this.childIndex = childIndex;
        this.auditTrail = auditTrail;
        this.publisher = publisher;
    }

    /** A message accepted before gets its first receipt back and goes no further. */
    void findEarlierReceipt(Exchange exchange) {
        PartnerSubmission s = exchange.getMessage().getBody(PartnerSubmission.class);
        Optional<Receipt> earlier = inboundMessages.earlierReceipt(s.partnerId(), s.partnerMessageId(), s.contentSha256());
        if (earlier.isPresent()) {
            exchange.setProperty(RESUBMISSION, true);
            exchange.getMessage().setBody(earlier.get());
        }
    }

    /** Claims the message id; should a concurrent copy have claimed it first, the unique key says so. */
    void claimMessageId(Exchange exchange) {
        inboundMessages.claim(exchange.getMessage().getBody(PartnerSubmission.class));
    }

    void identifyChildren(Exchange exchange) {
        PartnerSubmission s = exchange.getMessage().getBody(PartnerSubmission.class);
        List<CanonicalEvent> linked = new ArrayList<>(s.events().size());
        for (CanonicalEvent event : s.events()) {
            linked.add(event.withChild(event.child().withHubChildId(childIndex.resolve(event.child()))));
        }
        exchange.getMessage().setBody(s.withEvents(linked));
    }

    /** Every event is checked against its schema before it may be published. */
    void validateEvents(Exchange exchange) {
        PartnerSubmission s = exchange.getMessage().getBody(PartnerSubmission.class);
        for (CanonicalEvent event : s.events()) {
            JsonNode json = CanonicalJson.mapper().valueToTree(event);
            List<Problem> problems = event.contract().validate(json);
            if (!problems.isEmpty()) {
                throw new CanonicalEventInvalidException(event.eventId(), problems);
            }
        }
    }

    void auditAcceptance(Exchange exchange) {
        PartnerSubmission s = exchange.getMessage().getBody(PartnerSubmission.class);
        List<AuditRecord> records = new ArrayList<>();
        records.add(AuditRecord.of(AuditAction.RECEIVED).actor("partner:" + s.partnerId())
                .correlationId(s.correlationId()).partnerId(s.partnerId()).hubMessageId(s.hubMessageId())
                .detail("events=" + s.events().size()));
        for (CanonicalEvent event : s.events()) {
            records.add(AuditRecord.of(AuditAction.PUBLISHED).actor("hub")
                    .correlationId(s.correlationId()).partnerId(s.partnerId()).hubMessageId(s.hubMessageId())
                    .eventId(event.eventId()).hubChildId(event.child().hubChildId())
                    .detail("kind=" + event.kind()));
        }
        auditTrail.append(records);
        inboundMessages.recordEvents(s);
    }

    void publishEvents(Exchange exchange) throws Exception {
        publisher.publish(exchange.getMessage().getBody(PartnerSubmission.class));
    }

    void receipt(Exchange exchange) {
        exchange.getMessage().setBody(InboundMessages.receiptOf(exchange.getMessage().getBody(PartnerSubmission.class)));
    }
}
