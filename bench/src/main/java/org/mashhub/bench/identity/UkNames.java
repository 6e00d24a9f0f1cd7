package org.mashhub.bench.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Name lists: the most common names (most common first, drawn with Zipf-like weights by rank) and a long
 * tail drawn uniformly (less common given names; family names made of an English place-name root and
 * ending), so that two made-up children share a name about as often as real ones do.
 */
public final class UkNames {

    final List<String> boys = load("boys.txt");
    final List<String> girls = load("girls.txt");
    final List<String> surnames = load("surnames.txt");
    private final List<String> boysTail = load("boys-tail.txt");
    private final List<String> girlsTail = load("girls-tail.txt");
    private final List<String> roots = load("surname-roots.txt");
    private final List<String> endings = load("surname-endings.txt");

    /**
     * Eleven in twenty given names from the popular list, the rest from the tail: the commonest name is then
     * about 1.2% of children of its sex, and the popular hundred or so about half, as in the ONS tables.
     */
    public String given(String sex, Random random) {
        boolean boy = "male".equals(sex);
        if (random.nextInt(20) < 11) {
            return pick(boy ? boys : girls, 30, random);
        }
        List<String> tail = boy ? boysTail : girlsTail;
        return tail.get(random.nextInt(tail.size()));
    }

    /** Two in five family names from the common list (Smith about 1.2% of children), three in five from the long tail. */
    public String family(Random random) {
        if (random.nextInt(5) < 2) {
            return pick(surnames, 10, random);
        }
        return roots.get(random.nextInt(roots.size())) + endings.get(random.nextInt(endings.size()));
    }

    /** Rank r has weight 1 / (r + offset): the smaller the offset, the more the head dominates. */
    static String pick(List<String> names, int offset, Random random) {
        double total = 0;
        for (int r = 0; r < names.size(); r++) {
            total += 1.0 / (r + offset);
        }
        double x = random.nextDouble() * total;
        for (int r = 0; r < names.size(); r++) {
            x -= 1.0 / (r + offset);
            if (x <= 0) {
                return names.get(r);
            }
        }
        return names.get(names.size() - 1);
    }

    public static String capitalised(String name) {
        StringBuilder out = new StringBuilder();
        boolean start = true;
        for (char c : name.toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : c);
            start = c == '-' || c == ' ';
        }
        String result = out.toString();
        return result.startsWith("Obrien") ? "O'Brien" : result.startsWith("Oconnor") ? "O'Connor"
                : result.startsWith("Mc") && result.length() > 2 ? "Mc" + Character.toUpperCase(result.charAt(2)) + result.substring(3)
                : result;
    }

    private static List<String> load(String file) {
        List<String> names = new ArrayList<>();
        try (InputStream in = UkNames.class.getResourceAsStream("/names/" + file);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#") && !names.contains(line.strip())) {
                    names.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
