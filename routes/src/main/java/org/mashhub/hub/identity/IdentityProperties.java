package org.mashhub.hub.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code hub.identity}: where the matcher's weights and thresholds come from (a properties file as the
 * estimator in {@code bench/} writes it; the estimated defaults when unset), how many candidates a review
 * shows, the largest load of known children, after how many children filed the index tables' statistics are
 * first refreshed ({@link IndexStatistics}), and how many children a blocking key may name before a match leaves it out
 * ({@link ChildProfiles#blockedProfiles}).
 */
@ConfigurationProperties("hub.identity")
public record IdentityProperties(
        String weightsFile,
        @DefaultValue("5") int reviewCandidates,
        @DefaultValue("256MB") DataSize maxLoadBytes,
        @DefaultValue("50") long statisticsFrom,
        @DefaultValue("1000") int maxBlockSize) {
}
