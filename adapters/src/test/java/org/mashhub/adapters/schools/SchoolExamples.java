package org.mashhub.adapters.schools;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.mashhub.adapters.Envelope;
import org.mashhub.schemas.events.EventIds;

final class SchoolExamples {

    static final Path DIRECTORY = Path.of("..", "schemas", "schools", "examples");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    private SchoolExamples() {
    }

    static String text(String name) {
        try {
            return Files.readString(DIRECTORY.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream stream(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    static Envelope envelope(String messageId) {
        return new Envelope("school-test", EventIds.hubMessageId("school-test", messageId), "corr-1",
                Instant.parse("2026-11-23T12:00:00Z"));
    }
}
