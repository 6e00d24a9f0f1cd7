package org.mashhub.hub.audit;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.audit}: the audit's secret and where its checkpoints are kept, both outside the database.
 *
 * @param key            the secret entries are MACed and checkpoints signed with (at least 32 characters); or
 * @param keyFile        a file holding it (a mounted secret)
 * @param checkpointFile the append-only file of signed chain heads
 */
@ConfigurationProperties("hub.audit")
public record AuditProperties(String key, Path keyFile, Path checkpointFile) {
}
