package org.mashhub.hub.ledger;

import java.time.Instant;
import java.util.List;
import org.mashhub.adapters.ConsentStatement;
import org.mashhub.adapters.MappedMessage;
import org.mashhub.adapters.ProcessingNote;
import org.mashhub.schemas.events.CanonicalEvent;

/**
 * A valid partner message, mapped, ready to be accepted: events for the case system, consent statements to
 * keep, and notes for the partner's receipt.
 */
public record PartnerSubmission(
        String partnerId,
        String partnerMessageId,
        String hubMessageId,
        String contentSha256,
        String correlationId,
        Instant receivedAt,
        List<CanonicalEvent> events,
        List<ConsentStatement> consents,
        List<ProcessingNote> notes) {

    public PartnerSubmission {
        events = List.copyOf(events);
        consents = List.copyOf(consents);
        notes = List.copyOf(notes);
    }

    public static PartnerSubmission of(String partnerId, String partnerMessageId, String hubMessageId, String contentSha256,
                                       String correlationId, Instant receivedAt, MappedMessage mapped) {
        return new PartnerSubmission(partnerId, partnerMessageId, hubMessageId, contentSha256, correlationId, receivedAt,
                mapped.events(), mapped.consents(), mapped.notes());
    }

    public PartnerSubmission withLinked(List<CanonicalEvent> linkedEvents, List<ConsentStatement> linkedConsents) {
        return new PartnerSubmission(partnerId, partnerMessageId, hubMessageId, contentSha256, correlationId, receivedAt,
                linkedEvents, linkedConsents, notes);
    }
}
