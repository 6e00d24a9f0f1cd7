package org.mashhub.hub.triage;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.triage}: the council's decision timescales and how its MASH works referrals.
 *
 * @param red           time to a MASH decision on a RED referral, in clock hours, day or night
 * @param amber         time to a decision on an AMBER referral
 * @param green         time to a decision on a GREEN (or unrated) referral
 * @param officeOpens   the MASH's office hours (Monday to Friday, UK time): a RED arriving outside them is flagged
 *                      for the emergency duty team
 * @param officeCloses  see {@code officeOpens}
 * @param signOff       outcomes a manager signs off when someone else records them
 * @param undoWindow    how long whoever recorded a decision may take it back
 * @param inboxDays     how far back the inbox looks for referrals still waiting for a decision
 * @param pageSize      inbox rows per page
 * @param localities    postcode districts or areas (EX31, EX) to the council's localities; a district before its area
 */
@ConfigurationProperties("hub.triage")
public record TriageProperties(
        @DefaultValue("4h") Duration red,
        @DefaultValue("24h") Duration amber,
        @DefaultValue("72h") Duration green,
        @DefaultValue("09:00") LocalTime officeOpens,
        @DefaultValue("17:00") LocalTime officeCloses,
        @DefaultValue("NO_FURTHER_ACTION") List<Outcome> signOff,
        @DefaultValue("10m") Duration undoWindow,
        @DefaultValue("30") int inboxDays,
        @DefaultValue("25") int pageSize,
        @DefaultValue Map<String, String> localities) {
}
