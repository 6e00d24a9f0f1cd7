package org.mashhub.hub.testsupport;

import java.util.concurrent.ThreadLocalRandom;

/** Made-up parts of names for test people: letters only, always as many as asked (a name has no digits). */
public final class TestNames {

    private TestNames() {
    }

    /** {@code length} random lower-case letters, to make a family name of a test's own. */
    public static String letters(int length) {
        StringBuilder letters = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            letters.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return letters.toString();
    }
}
