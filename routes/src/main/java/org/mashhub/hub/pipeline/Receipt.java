package org.mashhub.hub.pipeline;

import java.time.Instant;
import java.util.List;

/**
 * What a partner gets back once its message is durable. {@code receipt} is the hub message id; the same
 * partner message id always gets the same receipt.
 */
public record Receipt(String receipt, String partnerMessageId, String status, Instant acceptedAt, List<EventRef> events) {

    public static final String ACCEPTED = "accepted";

    /** An event the message became, by id and kind, without anything personal. */
    public record EventRef(String eventId, String kind) {
    }
}
