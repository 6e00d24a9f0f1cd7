package org.mashhub.hub.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.mashhub.hub.edge.HubHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one error policy for delivery. A case system that is down or busy is retried in place with exponential
 * back-off, or after the {@code Retry-After} it asked for (the consumer holds the event, so the child's later events
 * wait behind it), then the event is parked. One that does not trust the hub (401, 403) is retried the same way for
 * longer ({@code hold-when-not-trusted}): every event would be refused alike, and parking them all would only make
 * work. A case system that refuses an event gets it parked at once (see {@link CaseSystemDeliveryRoute#PARK}).
 * Anything else is not handled: the transaction rolls back and the broker redelivers.
 */
@Component
class DeliveryErrorPolicy extends RouteConfigurationBuilder {

    static final String ID = "case-system-delivery-errors";
    private static final Logger log = LoggerFactory.getLogger(DeliveryErrorPolicy.class);

    private final DeliveryProperties properties;
    private final DeliveryOutcomes outcomes;

    DeliveryErrorPolicy(DeliveryProperties properties, DeliveryOutcomes outcomes) {
        this.properties = properties;
        this.outcomes = outcomes;
    }

    @Override
    public void configuration() {
        DeliveryProperties.Retry retry = properties.retry();
        RouteConfigurationDefinition policy = routeConfiguration(ID);
        retried(policy.onException(HubNotTrustedException.class), retry.retriesWhenNotTrusted(), retry)
                .to(CaseSystemDeliveryRoute.PARK).id("park-after-hold");
        retried(policy.onException(CaseSystemUnavailableException.class), Math.max(0, retry.maxAttempts() - 1), retry)
                .to(CaseSystemDeliveryRoute.PARK).id("park-after-retries");
        policy.onException(CaseSystemRejectedException.class)
                .handled(true)
                .to(CaseSystemDeliveryRoute.PARK).id("park-rejected");
        policy.onException(Exception.class)
                .handled(false)
                .process(DeliveryErrorPolicy::logRollback);
    }

    /** Retried in place with exponential back-off (or the case system's Retry-After), quietly, then handled. */
    private OnExceptionDefinition retried(OnExceptionDefinition clause, int retries, DeliveryProperties.Retry retry) {
        return clause.maximumRedeliveries(retries)
                .redeliveryDelay(retry.initialDelay().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(retry.multiplier())
                .maximumRedeliveryDelay(retry.maxDelay().toMillis())
                .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                .logRetryStackTrace(false)
                .logExhaustedMessageHistory(false)
                .logExhaustedMessageBody(false)
                .onRedelivery(this::retrying)
                .handled(true);
    }

    /** Before each retry: the case system's Retry-After served for the wait just ended, and the ledger counts the retry. */
    private void retrying(Exchange exchange) {
        exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
        outcomes.retrying(exchange);
    }

    /** Rolled back for the broker to redeliver: logged by type, as its message could quote event data. */
    private static void logRollback(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        log.warn("Delivery of event {} rolled back for redelivery: {}", exchange.getMessage().getHeader(HubHeaders.EVENT_ID),
                cause == null ? "unknown" : cause.getClass().getName());
    }
}
