package org.mashhub.hub.pipeline;

import java.time.Instant;
import java.util.List;
import org.mashhub.schemas.events.CanonicalEvent;

/** A valid partner message turned into events, ready to be accepted. */
public record PartnerSubmission(
        String partnerId,
        String partnerMessageId,
        String hubMessageId,
        String contentSha256,
        String correlationId,
        Instant receivedAt,
        List<CanonicalEvent> events) {

    public PartnerSubmission {
        events = List.copyOf(events);
    }

    public PartnerSubmission withEvents(List<CanonicalEvent> newEvents) {
        return new PartnerSubmission(partnerId, partnerMessageId, hubMessageId, contentSha256, correlationId, receivedAt, newEvents);
    }
}
