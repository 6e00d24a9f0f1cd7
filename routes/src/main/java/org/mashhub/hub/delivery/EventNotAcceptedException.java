package org.mashhub.hub.delivery;

/**
 * An event on the delivery queue the database does not know as accepted. Usually the acceptance is still
 * committing (the broker commits first), and the delivery waits for it a few seconds. Should it never appear, the event was not
 * accepted by the hub and is parked, never delivered.
 */
public class EventNotAcceptedException extends RuntimeException {

    public EventNotAcceptedException(String eventId) {
        super("not accepted by the hub: no accepted event " + eventId);
    }
}
