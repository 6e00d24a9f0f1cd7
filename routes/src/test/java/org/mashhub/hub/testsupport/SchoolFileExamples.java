package org.mashhub.hub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.mashhub.adapters.Upn;

/** The school examples from {@code schemas/schools/examples}, and synthetic pupils no other test uses. */
public final class SchoolFileExamples {

    public static final Path DIRECTORY = Path.of("..", "schemas", "schools", "examples");

    private SchoolFileExamples() {
    }

    public static String read(String example) {
        try {
            return Files.readString(DIRECTORY.resolve(example));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid permanent UPN of LA 878 with a random serial. */
    public static String randomUpn() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Upn.withCheckLetter("878" + String.format("%04d", random.nextInt(10_000)) + String.format("%02d", random.nextInt(100))
                + String.format("%03d", random.nextInt(1000)));
    }
}
