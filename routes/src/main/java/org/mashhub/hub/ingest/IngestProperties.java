package org.mashhub.hub.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code hub.ingest}: the largest partner message accepted (a record export from a health system may
 * be much larger than a notification), the Retry-After given when the hub cannot make a message
 * durable or is too busy, and how many partner requests are worked on at once (more wait up to the
 * admission wait, then are told to come back).
 */
@ConfigurationProperties("hub.ingest")
public record IngestProperties(
        @DefaultValue("1MB") DataSize maxMessageBytes,
        @DefaultValue("16MB") DataSize maxBundleBytes,
        @DefaultValue("5") int retryAfterSeconds,
        @DefaultValue("6") int maxConcurrentRequests,
        @DefaultValue("2s") java.time.Duration admissionWait) {
}
