package org.mashhub.adapters;

import java.time.Instant;

/**
 * What the hub knows about a partner message besides its content: who sent it (authenticated, not
 * claimed), the hub's receipt id for it, the correlation id that follows it to the case system, and when
 * it arrived.
 */
public record Envelope(String partnerId, String hubMessageId, String correlationId, Instant receivedAt) {
}
