package org.mashhub.bench.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Writes a child down the way a busy partner does. Rates per record: nickname 8% (from the same nickname
 * list the hub uses, or one it does not know 1%), given-name typo 3%, known by the middle name 2%;
 * family-name typo 4%, hyphenated or changed surname 2% each, half of a double-barrelled name; birth date
 * with day and month swapped 2%, a day out 2%, a year out 0.5%; sex missing 5%, wrong 0.5%; moved house 15%,
 * no postcode 25%; an NHS Number on 40% (mistyped 3% of those, and mistyped into another valid number
 * 0.3%), a UPN on 30%.
 */
final class PartnerRecords {

    private final Random random;
    private final SyntheticPopulation population;
    private final Map<String, List<String>> nicknames = loadNicknames();

    PartnerRecords(long seed, SyntheticPopulation population) {
        this.random = new Random(seed);
        this.population = population;
    }

    PartnerRecord noisy(SyntheticChild child, String truth) {
        List<String> noise = new ArrayList<>();
        String given = child.firstGiven();
        String[] givenParts = child.given().split(" ");
        int g = random.nextInt(1000);
        if (g < 80) {
            List<String> options = nicknames.getOrDefault(given.toLowerCase(Locale.ROOT), List.of());
            if (!options.isEmpty()) {
                given = UkNames.capitalised(options.get(random.nextInt(options.size())));
                noise.add("nickname");
            }
        } else if (g < 90) {
            given = given.length() > 4 ? given.substring(0, 3) : given + "ie";
            noise.add("unlisted-nickname");
        } else if (g < 120) {
            given = typo(given);
            noise.add("given-typo");
        } else if (g < 140 && givenParts.length > 1) {
            given = givenParts[1];
            noise.add("middle-name");
        }
        String family = child.family();
        int f = random.nextInt(1000);
        if (family.contains("-") && f < 300) {
            family = family.split("-")[random.nextInt(2)];
            noise.add("half-double-barrel");
        } else if (f < 40) {
            family = typo(family);
            noise.add("family-typo");
        } else if (f < 60) {
            family = family + "-" + population.familyName().split("-")[0];
            noise.add("hyphenated");
        } else if (f < 80) {
            family = population.familyName();
            noise.add("surname-changed");
        }
        LocalDate born = child.birthDate();
        int d = random.nextInt(1000);
        if (d < 20 && born.getDayOfMonth() <= 12 && born.getDayOfMonth() != born.getMonthValue()) {
            born = LocalDate.of(born.getYear(), born.getDayOfMonth(), born.getMonthValue());
            noise.add("day-month-swap");
        } else if (d < 40) {
            born = born.plusDays(random.nextBoolean() ? 1 : -1);
            noise.add("day-out");
        } else if (d < 45) {
            born = safeYear(born, random.nextBoolean() ? 1 : -1);
            noise.add("year-out");
        }
        if (born.isAfter(LocalDate.now())) {
            born = child.birthDate(); // a partner's form refuses a birth date in the future
        }
        String sex = child.sex();
        int s = random.nextInt(1000);
        if (s < 50) {
            sex = null;
        } else if (s < 55) {
            sex = "male".equals(sex) ? "female" : "male";
            noise.add("wrong-sex");
        }
        String postcode = child.postcode();
        int p = random.nextInt(100);
        if (p < 15) {
            postcode = population.postcode();
            noise.add("moved");
        } else if (p < 40) {
            postcode = null;
        }
        String nhs = null;
        if (child.nhsNumber() != null && random.nextInt(100) < 40) {
            nhs = child.nhsNumber();
            int n = random.nextInt(1000);
            if (n < 30) {
                nhs = nhs.substring(0, 9) + (char) ('0' + (nhs.charAt(9) - '0' + 1) % 10);
                noise.add("nhs-mistyped");
            } else if (n < 33) {
                nhs = population.nhsNumber();
                noise.add("nhs-another-valid");
            }
        }
        String upn = child.upn() != null && random.nextInt(100) < 30 ? child.upn() : null;
        return new PartnerRecord(truth, nhs, upn, given, family, born, sex, postcode, String.join(",", noise));
    }

    private String typo(String name) {
        if (name.length() < 3) {
            return name + name.charAt(name.length() - 1);
        }
        char[] chars = name.toCharArray();
        int i = 1 + random.nextInt(chars.length - 2);
        switch (random.nextInt(4)) {
            case 0 -> {
                char t = chars[i];
                chars[i] = chars[i + 1];
                chars[i + 1] = t;
                return new String(chars);
            }
            case 1 -> {
                return name.substring(0, i) + name.substring(i + 1);
            }
            case 2 -> {
                chars[i] = (char) ('a' + random.nextInt(26));
                return new String(chars);
            }
            default -> {
                return name.substring(0, i) + chars[i] + name.substring(i);
            }
        }
    }

    private static LocalDate safeYear(LocalDate date, int years) {
        try {
            return date.plusYears(years);
        } catch (DateTimeException e) {
            return date;
        }
    }

    /** For each name in the hub's nickname list, the other names of its groups. */
    private static Map<String, List<String>> loadNicknames() {
        Map<String, List<String>> others = new HashMap<>();
        try (InputStream in = PartnerRecords.class.getResourceAsStream("/identity/nicknames.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] group = line.split(",");
                for (String name : group) {
                    for (String other : group) {
                        if (!other.equals(name) && !other.contains("-")) {
                            others.computeIfAbsent(name, k -> new ArrayList<>()).add(other);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return others;
    }
}
