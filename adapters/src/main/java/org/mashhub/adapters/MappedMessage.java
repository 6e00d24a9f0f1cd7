package org.mashhub.adapters;

import java.util.List;
import org.mashhub.schemas.events.CanonicalEvent;

/** What a partner message became: events for the case system, consent statements to keep, and notes for the partner. */
public record MappedMessage(List<CanonicalEvent> events, List<ConsentStatement> consents, List<ProcessingNote> notes) {

    public MappedMessage {
        events = List.copyOf(events);
        consents = List.copyOf(consents);
        notes = List.copyOf(notes);
    }
}
