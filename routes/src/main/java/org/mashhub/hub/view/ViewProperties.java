package org.mashhub.hub.view;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.view}: the council's decision timescales per RAG rating, and how close in time referrals about
 * one child from different agencies must be to be shown as one incident.
 *
 * @param red           time to a MASH decision on a RED referral
 * @param redWorking    whether {@code red} counts working hours only (Monday to Friday, 09:00 to 17:00, UK time)
 * @param amber         time to a decision on an AMBER referral (clock hours)
 * @param green         time to a decision on a GREEN (or unrated) referral (clock hours)
 * @param linkedWindow  referrals about one child from different agencies this close are linked
 * @param inboxDays     how far back the inbox looks for referrals still waiting for a decision
 */
@ConfigurationProperties("hub.view")
public record ViewProperties(
        @DefaultValue("4h") Duration red,
        @DefaultValue("true") boolean redWorking,
        @DefaultValue("24h") Duration amber,
        @DefaultValue("72h") Duration green,
        @DefaultValue("72h") Duration linkedWindow,
        @DefaultValue("30") int inboxDays) {
}
