package org.mashhub.adapters;

import java.util.Locale;
import java.util.Map;

/**
 * A person's sex as partners write it, in the canonical events' words ({@code male}, {@code female},
 * {@code other}, {@code unknown}): those words themselves, the NHS Data Dictionary's person stated gender codes
 * ({@code 1} male, {@code 2} female, {@code 9} indeterminate, {@code 0} not known, {@code X} not specified) and
 * the letters {@code M}, {@code F}, {@code U}.
 */
public final class PersonStatedGender {

    private static final Map<String, String> CANONICAL = Map.ofEntries(
            Map.entry("male", "male"), Map.entry("female", "female"), Map.entry("other", "other"), Map.entry("unknown", "unknown"),
            Map.entry("1", "male"), Map.entry("2", "female"), Map.entry("9", "other"), Map.entry("0", "unknown"),
            Map.entry("x", "unknown"), Map.entry("m", "male"), Map.entry("f", "female"), Map.entry("u", "unknown"));

    private PersonStatedGender() {
    }

    /** The canonical word, or null for a value that is none of these. */
    public static String canonical(String value) {
        return value == null ? null : CANONICAL.get(value.strip().toLowerCase(Locale.ROOT));
    }
}
