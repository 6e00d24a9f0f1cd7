package org.mashhub.hub.ingest;

/** A partner sent a message that says it comes from another partner. */
public class PartnerMismatchException extends RuntimeException {

    public PartnerMismatchException() {
        super("the message names another partner as its sender");
    }
}
