package org.mashhub.adapters.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.mashhub.adapters.Envelope;
import org.mashhub.schemas.events.EventIds;

/**
 * The health examples, and one HealthFhir for all the tests of this package: building one takes seconds. It is warmed as
 * the hub warms its own, so the tests validate with the validator's copy of the base definitions alone.
 */
final class HealthExamples {

    static final Path DIRECTORY = Path.of("..", "schemas", "health", "examples");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
    static final HealthFhir FHIR = new HealthFhir(java.util.List.of(text("message-safeguarding-concern.json")), Runnable::run);

    private HealthExamples() {
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(DIRECTORY.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
    }

    static Envelope envelope(String messageId) {
        return new Envelope("health-test", EventIds.hubMessageId("health-test", messageId), "test-correlation",
                Instant.parse("2026-11-22T12:00:00Z"));
    }
}
