package org.mashhub.hub.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.mashhub.adapters.ProcessingNote;

/**
 * What a partner gets back once its message is durable. {@code receipt} is the hub message id; the same
 * partner message id always gets the same receipt. Notes say what was left out or refused, if anything.
 */
public record Receipt(String receipt, String partnerMessageId, String status, Instant acceptedAt, List<EventRef> events,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ProcessingNote> notes) {

    public static final String ACCEPTED = "accepted";

    public Receipt {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public Receipt withNotes(List<ProcessingNote> newNotes) {
        return new Receipt(receipt, partnerMessageId, status, acceptedAt, events, newNotes);
    }

    /** An event the message became, by id and kind, without anything personal. */
    public record EventRef(String eventId, String kind) {
    }
}
