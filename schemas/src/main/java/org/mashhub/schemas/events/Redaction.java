package org.mashhub.schemas.events;

/** A field removed from an event before it was shared, and why. */
public record Redaction(String pointer, DataCategory category, String reason, String rule) {
}
