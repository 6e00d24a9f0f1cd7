package org.mashhub.hub.broker;

/** The broker's queues. */
public final class Queues {

    /** Events accepted and waiting for the case system, grouped by hub child id. */
    public static final String CASE_SYSTEM_DELIVERY = "hub.case-system.delivery";
    /**
     * Where hubs before the event ledger parked events; only read now, into the ledger (parked events are kept there).
     */
    public static final String CASE_SYSTEM_PARKED = "hub.case-system.parked";
    /** Where the broker puts a message it could not hand to the hub after its own redeliveries. */
    public static final String DEAD_LETTER = "DLQ";
    public static final String EXPIRY = "ExpiryQueue";

    private Queues() {
    }
}
