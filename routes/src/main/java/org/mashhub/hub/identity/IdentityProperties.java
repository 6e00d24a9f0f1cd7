package org.mashhub.hub.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code hub.identity}: where the matcher's weights and thresholds come from (a properties file as the
 * estimator in {@code bench/} writes it; the estimated defaults when unset), how many candidates a review
 * shows, and the largest load of known children.
 */
@ConfigurationProperties("hub.identity")
public record IdentityProperties(
        String weightsFile,
        @DefaultValue("5") int reviewCandidates,
        @DefaultValue("256MB") DataSize maxLoadBytes) {
}
