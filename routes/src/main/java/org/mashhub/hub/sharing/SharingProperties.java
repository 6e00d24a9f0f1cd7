package org.mashhub.hub.sharing;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.sharing}: where the Information Sharing Agreements are ({@code *.yaml}, one agreement per
 * file). {@code hub.sharing.retention-purge-cron} says when the retention purge runs (read by
 * {@link RetentionPurge}).
 */
@ConfigurationProperties("hub.sharing")
public record SharingProperties(@DefaultValue("config/sharing") Path agreementsDir) {
}
