package org.mashhub.hub.delivery;

/** The case system could not take the event now (5xx, timeout, no connection): try again later. */
public class CaseSystemUnavailableException extends RuntimeException {

    public CaseSystemUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
