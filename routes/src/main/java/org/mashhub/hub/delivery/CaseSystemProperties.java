package org.mashhub.hub.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.case-system}: where events go and how they are signed. Without a URL the in-process
 * simulator is used, which must then be switched on ({@code hub.case-system.simulator.enabled}).
 */
@ConfigurationProperties("hub.case-system")
public record CaseSystemProperties(
        String url,
        String signingSecret,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue Simulator simulator) {

    public record Simulator(@DefaultValue("false") boolean enabled) {
    }
}
