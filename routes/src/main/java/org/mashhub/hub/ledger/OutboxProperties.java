package org.mashhub.hub.ledger;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.outbox}: how accepted events move from the database to the broker ({@link OutboxRelay}). The relay looks
 * for new rows every {@code poll} while there are none (at once again while there are), and sends at most
 * {@code batch} in one broker transaction. {@code relay: false} leaves accepted events waiting in the outbox (they are
 * sent when it is switched back on): for maintenance of the broker, and for the test that kills the hub between the
 * two commits.
 */
@ConfigurationProperties("hub.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean relay,
        @DefaultValue("20ms") Duration poll,
        @DefaultValue("256") int batch) {

    public OutboxProperties {
        if (batch < 1 || poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("hub.outbox.batch must be at least 1 and hub.outbox.poll more than zero");
        }
    }
}
