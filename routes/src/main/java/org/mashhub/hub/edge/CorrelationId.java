package org.mashhub.hub.edge;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id that runs from a partner's message to its delivery at the case system. A partner may supply
 * one in {@value #HTTP_HEADER}; anything that is not a short token is replaced, so it is always safe to
 * log.
 */
public final class CorrelationId {

    public static final String HTTP_HEADER = "X-Correlation-Id";
    /** Key in the logging MDC; the log pattern prints it on every line. */
    public static final String MDC_KEY = "correlationId";
    public static final String REQUEST_ATTRIBUTE = CorrelationId.class.getName();

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private CorrelationId() {
    }

    public static String acceptOrCreate(String offered) {
        return offered != null && SAFE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }
}
