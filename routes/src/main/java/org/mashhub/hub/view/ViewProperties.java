package org.mashhub.hub.view;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.view}: how close in time referrals about one child from different agencies must be to be shown as one
 * incident. The decision timescales are {@code hub.triage}'s.
 *
 * @param linkedWindow referrals about one child from different agencies this close are linked
 */
@ConfigurationProperties("hub.view")
public record ViewProperties(@DefaultValue("72h") Duration linkedWindow) {
}
