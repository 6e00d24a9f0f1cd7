package org.mashhub.hub.outbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.outbound}: what partners hear back, and how a push channel is tried.
 *
 * @param mashContact    whom a partner contacts at the MASH about a notification (named in referral outcomes)
 * @param pushEvery      how often waiting notifications are pushed to partners that have a webhook
 * @param firstRetry     the wait after a push that did not reach the partner; doubling, up to {@code longestWait}
 * @param longestWait    the longest wait between two pushes (a partner's Retry-After counts, up to this)
 * @param giveUpAfter    how long a partner's endpoint may fail to take a notification before it is parked for an
 *                       engineer (the partner can still pull it)
 * @param requestTimeout how long one push waits for the partner's answer
 */
@ConfigurationProperties("hub.outbound")
public record OutboundProperties(
        @DefaultValue("") String mashContact,
        @DefaultValue("2s") Duration pushEvery,
        @DefaultValue("5s") Duration firstRetry,
        @DefaultValue("10m") Duration longestWait,
        @DefaultValue("24h") Duration giveUpAfter,
        @DefaultValue("10s") Duration requestTimeout) {
}
