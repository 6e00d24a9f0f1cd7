package org.mashhub.adapters.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import info.debatty.java.stringsimilarity.OptimalStringAlignment;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * How the hub reads names for matching: accents and punctuation dropped, lower case; double-barrelled
 * family names split into their parts; given names put into nickname groups
 * ({@code identity/nicknames.txt}); Double Metaphone (Apache Commons Codec) for how a name sounds,
 * Jaro-Winkler (Apache Commons Text) for how alike two spellings are, and the optimal string alignment
 * distance (java-string-similarity) for how many slips of the keyboard lie between them.
 */
public final class Names {

    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern NOT_LETTER_OR_SEPARATOR = Pattern.compile("[^a-z \\-]");
    private static final Pattern SEPARATORS = Pattern.compile("[ \\-]+");
    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();
    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final OptimalStringAlignment ALIGNMENT = new OptimalStringAlignment();
    private static final Map<String, Set<Integer>> NICKNAME_GROUPS = new HashMap<>();
    /** Each group's first name: the name the others are short forms or spellings of. */
    private static final Map<Integer, String> FORMAL_NAMES = new HashMap<>();

    static {
        loadNicknameGroups();
    }

    private Names() {
    }

    /** Lower case letters only, with word separators (space, hyphen) kept as single spaces; null for nothing. */
    public static String normalise(String name) {
        if (name == null) {
            return null;
        }
        // Apostrophes go with everything else that is not a letter: O'Brien is obrien.
        String letters = NOT_LETTER_OR_SEPARATOR.matcher(MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD))
                .replaceAll("").toLowerCase(Locale.ROOT)).replaceAll("");
        String spaced = SEPARATORS.matcher(letters).replaceAll(" ").strip();
        return spaced.isEmpty() ? null : spaced;
    }

    /** The words of a name: "Smith-Jones" is smith and jones. */
    public static List<String> parts(String normalised) {
        return normalised == null ? List.of() : List.of(normalised.split(" "));
    }

    /** A name written without separators, for comparing "Smith Jones" with "Smith-Jones". */
    public static String joined(String normalised) {
        return normalised == null ? null : normalised.replace(" ", "");
    }

    /** The nickname groups a given name is in; empty for a name in none. */
    public static Set<Integer> nicknameGroups(String normalisedGiven) {
        return normalisedGiven == null ? Set.of() : NICKNAME_GROUPS.getOrDefault(joined(normalisedGiven), Set.of());
    }

    /** Whether two given names are in one nickname group, whichever they are of it (Alfie and Freddie: both Alfred). */
    public static boolean inOneNicknameGroup(String a, String b) {
        return !Collections.disjoint(nicknameGroups(a), nicknameGroups(b));
    }

    /**
     * Whether two given names are one name by the nickname groups: one is the group's name and the other a short
     * form or spelling of it (Bill and William). Two short forms of one name are not (Alfie and Freddie, both Alfred,
     * are as likely brothers as one boy).
     */
    public static boolean sameByNickname(String a, String b) {
        Set<Integer> groups = nicknameGroups(a);
        String x = joined(a);
        String y = joined(b);
        for (Integer group : nicknameGroups(b)) {
            if (groups.contains(group) && (FORMAL_NAMES.get(group).equals(x) || FORMAL_NAMES.get(group).equals(y))) {
                return true;
            }
        }
        return false;
    }

    /** A stable key for a given name that nicknames share: its first nickname group, else its sound. */
    public static String givenKey(String normalisedGiven) {
        Set<Integer> groups = nicknameGroups(normalisedGiven);
        return groups.isEmpty() ? "S" + sound(normalisedGiven) : "G" + groups.iterator().next();
    }

    /** Every key the given name has: each of its nickname groups, and its sound. */
    public static Set<String> givenKeys(String normalisedGiven) {
        Set<String> keys = new TreeSet<>();
        for (Integer group : nicknameGroups(normalisedGiven)) {
            keys.add("G" + group);
        }
        keys.add("S" + sound(normalisedGiven));
        return keys;
    }

    /** The primary Double Metaphone code. */
    public static String sound(String normalised) {
        return normalised == null ? "" : METAPHONE.doubleMetaphone(joined(normalised));
    }

    /** Both Double Metaphone codes (primary and alternate: Sean is SN and XN), without empties. */
    public static Set<String> sounds(String normalised) {
        if (normalised == null) {
            return Set.of();
        }
        String joined = joined(normalised);
        Set<String> codes = new TreeSet<>();
        codes.add(METAPHONE.doubleMetaphone(joined));
        codes.add(METAPHONE.doubleMetaphone(joined, true));
        codes.remove("");
        return codes;
    }

    public static boolean soundAlike(String a, String b) {
        return !Collections.disjoint(sounds(a), sounds(b));
    }

    public static double spellingSimilarity(String a, String b) {
        return JARO_WINKLER.apply(joined(a), joined(b));
    }

    /** Letters wrong, missing, extra or swapped with a neighbour between two spellings (separators ignored). */
    public static int slips(String a, String b) {
        return (int) ALIGNMENT.distance(joined(a), joined(b));
    }

    /** The first letter, or "" for no name. */
    public static String initial(String normalised) {
        String joined = joined(normalised);
        return joined == null || joined.isEmpty() ? "" : joined.substring(0, 1);
    }

    private static void loadNicknameGroups() {
        try (InputStream in = Names.class.getResourceAsStream("/identity/nicknames.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int group = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                group++;
                for (String name : line.split(",")) {
                    String key = joined(normalise(name));
                    if (key != null) {
                        NICKNAME_GROUPS.computeIfAbsent(key, k -> new TreeSet<>()).add(group);
                        FORMAL_NAMES.putIfAbsent(group, key);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> all(List<String> names) {
        List<String> normalised = new ArrayList<>();
        for (String name : names) {
            String n = normalise(name);
            if (n != null && !normalised.contains(n)) {
                normalised.add(n);
            }
        }
        return normalised;
    }
}
