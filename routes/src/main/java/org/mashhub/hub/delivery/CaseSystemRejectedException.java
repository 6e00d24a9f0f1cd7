package org.mashhub.hub.delivery;

/** The case system refused the event (a 4xx other than 409): retrying will not help, so it is parked. */
public class CaseSystemRejectedException extends RuntimeException {

    private final int status;
    private final String responseExcerpt;

    public CaseSystemRejectedException(int status, String responseExcerpt) {
        super("case system answered " + status);
        this.status = status;
        this.responseExcerpt = responseExcerpt;
    }

    public int status() {
        return status;
    }

    /** The start of the case system's answer, for the engineer who looks at the parked event; never logged. */
    public String responseExcerpt() {
        return responseExcerpt;
    }
}
