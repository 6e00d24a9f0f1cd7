package org.mashhub.hub.ingest.schools;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The error policy of the school folders: a file that failed (the database or broker unavailable) is not
 * moved, so the next look at the folder reads it again; what it had already made durable is recognised
 * then and not made twice. Logged by type only, as a message could quote the file.
 */
@Component
class SchoolFileErrorPolicy extends RouteConfigurationBuilder {

    static final String ID = "school-file-errors";
    private static final Logger log = LoggerFactory.getLogger(SchoolFileErrorPolicy.class);

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                    .handled(false)
                    .process(SchoolFileErrorPolicy::logRetry)
                .end();
    }

    private static void logRetry(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        // The innermost cause, by type and place: what went wrong, never a message that could quote the file.
        Throwable root = cause;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        log.warn("A school file of route {} was not finished and stays in the folder to be read again: {} at {}",
                exchange.getFromRouteId(), root == null ? "unknown" : root.getClass().getName(),
                root == null || root.getStackTrace().length == 0 ? "?" : root.getStackTrace()[0]);
    }
}
