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
        log.warn("A school file of route {} was not finished and stays in the folder to be read again: {}",
                exchange.getFromRouteId(), cause == null ? "unknown" : cause.getClass().getName());
    }
}
