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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.mashhub.adapters.NhsNumber;
import org.mashhub.adapters.Upn;

/**
 * The second identity generator, written apart from the first ({@link SyntheticPopulation} and
 * {@link PartnerRecords}) so that the matcher can be tuned on one and judged on the other. It shares none of
 * the first's names, nickname list or noise:
 * <ul>
 *   <li>a county of a few postcode districts where a postcode is shared by a dozen households on average
 *       (streets, blocks of flats), so a shared postcode says much less than in the first;</li>
 *   <li>families from many places (its own weighted lists in {@code county/}); half-siblings with another
 *       surname; twins in one household in thirty; cousins with the same name living at one address;</li>
 *   <li>records written with keyboard-adjacent typos, dropped, doubled and transposed letters (each name about one
 *       record in twenty, both names mistyped in 3%), reversed double-barrelled names, other spellings of a name
 *       (transliterations, anglicised forms), short forms, changed and hyphenated surnames, a digit of the birth
 *       date wrong (2%), day and month swapped or a day out (1% each), sex as a code, moves (18%, most nearby),
 *       postcodes in any case and spacing, and a tenth of records with only a name and a birth date;</li>
 *   <li>records about children the case system has never seen (a quarter): strangers (14% of records), brothers and
 *       sisters it does not know (5%), the twin it does not know (3%), and namesakes (3%: the same given and family
 *       name, born a week, a month, a year or years apart; half at the known child's address).</li>
 * </ul>
 * Seeded: the same seed gives the same set.
 */
final class CountyRegister {

    private static final String[] DISTRICTS = {"NR1", "NR2", "NR3", "NR5", "NR7", "NR14", "NR18", "NR20", "NR25", "NR28", "NR30",
            "NR31", "PE30", "PE31", "PE33", "PE37", "IP20", "IP22", "IP24", "IP25"};
    private static final String UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";
    private static final LocalDate FIRST_BIRTH = LocalDate.of(2008, 3, 1);
    private static final LocalDate LAST_BIRTH = LocalDate.of(2026, 10, 20);
    private static final String[] KEYBOARD = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};

    private final Random random;
    private final Weighted boys = Weighted.load("boys.txt");
    private final Weighted girls = Weighted.load("girls.txt");
    private final Weighted surnames = Weighted.load("surnames.txt");
    private final Map<String, List<String>> variants = groups("variants.txt");
    private final Map<String, List<String>> shortForms = groups("short-forms.txt");
    private final List<String> postcodes = new ArrayList<>();
    private final Set<String> nhsNumbers = new HashSet<>();
    private final Set<String> upns = new HashSet<>();
    /** First given name, family name and birth date of every child made: a namesake is never a copy of one. */
    private final Set<String> described = new HashSet<>();
    private int nextId;

    CountyRegister(long seed) {
        this.random = new Random(seed);
    }

    /** One household: its children, known to the case system or not. */
    private record Household(List<SyntheticChild> known, List<SyntheticChild> unknown) {
    }

    LabelledSet generate(int knownCount, int recordCount) {
        int households = Math.max(1, knownCount * 10 / 19);
        for (int i = 0; i < Math.max(20, households / 12); i++) {
            postcodes.add(newPostcode());
        }
        List<SyntheticChild> known = new ArrayList<>(knownCount);
        List<SyntheticChild> unseenSiblings = new ArrayList<>();
        List<SyntheticChild[]> unseenTwins = new ArrayList<>();
        int household = 0;
        while (known.size() < knownCount) {
            Household h = household(++household);
            for (SyntheticChild child : h.known()) {
                if (known.size() < knownCount) {
                    known.add(child);
                }
            }
            for (SyntheticChild child : h.unknown()) {
                if (child.twin()) {
                    h.known().stream().filter(k -> k.twin() && k.birthDate().equals(child.birthDate())).findFirst()
                            .ifPresent(k -> unseenTwins.add(new SyntheticChild[] {k, child}));
                } else {
                    unseenSiblings.add(child);
                }
            }
        }
        List<PartnerRecord> records = new ArrayList<>(recordCount);
        while (records.size() < recordCount) {
            int kind = random.nextInt(100);
            if (kind < 75) {
                SyntheticChild child = known.get(random.nextInt(known.size()));
                records.add(record(child, child.caseSystemPersonId(), "known"));
            } else if (kind < 89) {
                Household stranger = household(++household);
                List<SyntheticChild> all = new ArrayList<>(stranger.known());
                all.addAll(stranger.unknown());
                records.add(record(all.get(random.nextInt(all.size())), null, "stranger"));
            } else if (kind < 94 && !unseenSiblings.isEmpty()) {
                records.add(record(unseenSiblings.get(random.nextInt(unseenSiblings.size())), null, "unseen-sibling"));
            } else if (kind < 97 && !unseenTwins.isEmpty()) {
                records.add(record(unseenTwins.get(random.nextInt(unseenTwins.size()))[1], null, "unseen-twin"));
            } else {
                SyntheticChild child = known.get(random.nextInt(known.size()));
                boolean sameAddress = random.nextBoolean();
                records.add(record(namesake(child, sameAddress), null, sameAddress ? "namesake-same-address" : "namesake"));
            }
        }
        return new LabelledSet(known, records);
    }

    private Household household(int id) {
        String family = surname();
        if (random.nextInt(100) < 4) {
            family = family + "-" + surname();
        }
        String postcode = postcodes.get(random.nextInt(postcodes.size()));
        int r = random.nextInt(100);
        int size = r < 40 ? 1 : r < 75 ? 2 : r < 90 ? 3 : r < 97 ? 4 : 5;
        List<SyntheticChild> children = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        LocalDate born = birthDate();
        for (int i = 0; i < size; i++) {
            // A half-sibling with another surname in one household in seven.
            String childFamily = i > 0 && random.nextInt(7) == 0 ? surname() : family;
            children.add(child(id, uniqueGiven(taken, sex()), childFamily, born, postcode, false));
            born = born.minusDays(330 + random.nextInt(1800));
            if (born.isBefore(FIRST_BIRTH)) {
                break;
            }
        }
        if (random.nextInt(30) == 0) {
            LocalDate twinsBorn = birthDate();
            String sexA = sex();
            String sexB = random.nextInt(3) == 0 ? other(sexA) : sexA;
            children.add(child(id, uniqueGiven(taken, sexA), family, twinsBorn, postcode, true));
            children.add(child(id, uniqueGiven(taken, sexB), family, twinsBorn, postcode, true));
        }
        if (random.nextInt(100) == 0 && !children.isEmpty()) {
            // A cousin named after a child of the house, living there too.
            SyntheticChild named = children.get(0);
            children.add(namesake(named, true));
        }
        List<SyntheticChild> knownChildren = new ArrayList<>();
        List<SyntheticChild> unknown = new ArrayList<>();
        for (SyntheticChild child : children) {
            (random.nextInt(100) < 85 ? knownChildren : unknown).add(child);
        }
        if (knownChildren.isEmpty()) {
            knownChildren.add(unknown.remove(0));
        }
        return new Household(knownChildren, unknown);
    }

    /** Someone with a known child's given and family name, born a week, a month, a year or years apart. */
    private SyntheticChild namesake(SyntheticChild child, boolean sameAddress) {
        String postcode = sameAddress ? child.postcode() : postcodes.get(random.nextInt(postcodes.size()));
        LocalDate born = apart(child.birthDate());
        for (int attempt = 0; attempt < 20 && described.contains(description(child.given(), child.family(), born)); attempt++) {
            born = apart(child.birthDate());
        }
        return child(child.household(), child.given(), child.family(), born, postcode, false);
    }

    private static String description(String given, String family, LocalDate born) {
        return given.split(" ")[0].toLowerCase(Locale.ROOT) + "|" + family.toLowerCase(Locale.ROOT) + "|" + born;
    }

    private LocalDate apart(LocalDate born) {
        LocalDate other = switch (random.nextInt(4)) {
            case 0 -> born.plusWeeks(random.nextBoolean() ? 1 : -1);
            case 1 -> born.plusMonths(random.nextBoolean() ? 1 : -1);
            case 2 -> born.plusYears(random.nextBoolean() ? 1 : -1);
            default -> born.plusYears(2 + random.nextInt(6) * (random.nextBoolean() ? 1 : -1));
        };
        if (other.isAfter(LAST_BIRTH) || other.isBefore(FIRST_BIRTH)) {
            other = born.minusYears(2);
        }
        return other;
    }

    /** A child; never one with the first given name, family name and birth date of a child made before (a day later then). */
    private SyntheticChild child(int household, String given, String family, LocalDate born, String postcode, boolean twin) {
        while (described.contains(description(given, family, born))) {
            born = born.plusDays(1);
        }
        String first = given.split(" ")[0].toLowerCase(Locale.ROOT);
        String sex = boys.weights().containsKey(first) ? "male" : "female";
        if (random.nextInt(200) == 0) {
            sex = "unknown";
        }
        described.add(description(given, family, born));
        String nhs = random.nextInt(100) < 90 ? nhsNumber() : null;
        String upn = born.isBefore(LocalDate.of(2022, 9, 1)) && random.nextInt(100) < 70 ? upn() : null;
        return new SyntheticChild("CR" + (nextId++), given, family, born, sex, postcode, nhs, upn, household, twin);
    }

    // --- how a partner writes a child down

    private PartnerRecord record(SyntheticChild child, String truth, String kind) {
        List<String> noise = new ArrayList<>();
        noise.add(kind);
        boolean nameAndBirthDateOnly = random.nextInt(100) < 10;
        String given = child.given().split(" ")[0];
        int g = random.nextInt(1000);
        if (g < 60) {
            given = pickFrom(shortForms, given, noise, "short-form");
        } else if (g < 85) {
            given = keyboardSlip(given);
            noise.add("given-adjacent-key");
        } else if (g < 100) {
            given = dropped(given);
            noise.add("given-dropped-letter");
        } else if (g < 110) {
            given = doubled(given);
            noise.add("given-doubled-letter");
        } else if (g < 125) {
            given = transposed(given);
            noise.add("given-transposed");
        } else if (g < 150) {
            given = pickFrom(variants, given, noise, "given-other-spelling");
        } else if (g < 160 && child.given().contains(" ")) {
            given = child.given().split(" ")[1];
            noise.add("middle-name");
        }
        String family = child.family();
        int f = random.nextInt(1000);
        if (family.contains("-") && f < 250) {
            String[] parts = family.split("-");
            family = random.nextBoolean() ? parts[1] + "-" + parts[0] : parts[random.nextInt(2)];
            noise.add("double-barrel-reversed-or-half");
        } else if (f < 20) {
            family = keyboardSlip(family);
            noise.add("family-adjacent-key");
        } else if (f < 35) {
            family = dropped(family);
            noise.add("family-dropped-letter");
        } else if (f < 45) {
            family = doubled(family);
            noise.add("family-doubled-letter");
        } else if (f < 55) {
            family = transposed(family);
            noise.add("family-transposed");
        } else if (f < 70) {
            family = pickFrom(variants, family, noise, "family-other-spelling");
        } else if (f < 95) {
            family = surname();
            noise.add("surname-changed");
        } else if (f < 105) {
            family = family + "-" + surname();
            noise.add("surname-hyphenated");
        }
        if (random.nextInt(100) < 3 && !noise.contains("given-adjacent-key") && g >= 60) {
            // Both names mistyped.
            given = keyboardSlip(given);
            family = dropped(family);
            noise.add("both-names-mistyped");
        }
        LocalDate born = child.birthDate();
        int d = random.nextInt(1000);
        if (d < 20) {
            born = digitWrong(born);
            noise.add(born.equals(child.birthDate()) ? "birth-date-digit-unchanged" : "birth-date-digit");
        } else if (d < 35 && born.getDayOfMonth() <= 12 && born.getDayOfMonth() != born.getMonthValue()) {
            born = LocalDate.of(born.getYear(), born.getDayOfMonth(), born.getMonthValue());
            noise.add("birth-date-day-month");
        } else if (d < 45) {
            born = born.plusDays(random.nextBoolean() ? 1 : -1);
            noise.add("birth-date-day-out");
        }
        if (born.isAfter(LAST_BIRTH)) {
            born = child.birthDate();
        }
        String sex = child.sex();
        int s = random.nextInt(100);
        if (nameAndBirthDateOnly || s < 12) {
            sex = null;
        } else if (s < 13) {
            sex = other(sex);
            noise.add("sex-wrong");
        } else if (s < 25) {
            sex = switch (sex) {
                case "male" -> random.nextBoolean() ? "1" : "M";
                case "female" -> random.nextBoolean() ? "2" : "F";
                default -> random.nextBoolean() ? "0" : "U";
            };
        }
        String postcode = child.postcode();
        int p = random.nextInt(100);
        if (nameAndBirthDateOnly || p < 22) {
            postcode = null;
        } else if (p < 32) {
            postcode = sameDistrict(postcode);
            noise.add("moved-nearby");
        } else if (p < 40) {
            postcode = postcodes.get(random.nextInt(postcodes.size()));
            noise.add("moved");
        }
        if (postcode != null && random.nextInt(5) == 0) {
            postcode = random.nextBoolean() ? postcode.toLowerCase(Locale.ROOT) : postcode.replace(" ", "");
        }
        if (nameAndBirthDateOnly) {
            noise.add("name-and-birth-date-only");
        }
        String nhs = null;
        if (!nameAndBirthDateOnly && child.nhsNumber() != null && random.nextInt(100) < 35) {
            nhs = child.nhsNumber();
            if (random.nextInt(100) < 3) {
                nhs = digitSlip(nhs);
                noise.add(NhsNumber.isValid(nhs) ? "nhs-another-valid" : "nhs-mistyped");
            }
        }
        String upn = null;
        if (!nameAndBirthDateOnly && child.upn() != null && random.nextInt(100) < 20) {
            upn = child.upn();
            if (random.nextInt(100) < 3) {
                upn = upn.substring(0, 12) + (char) ('0' + (upn.charAt(12) - '0' + 3) % 10);
                noise.add(Upn.isValid(upn) ? "upn-another-valid" : "upn-mistyped");
            }
        }
        given = casing(given);
        family = casing(family);
        return new PartnerRecord(truth, nhs, upn, given, family, born, sex, postcode, String.join(",", noise));
    }

    private String pickFrom(Map<String, List<String>> groups, String name, List<String> noise, String label) {
        List<String> options = groups.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        if (options.isEmpty()) {
            noise.add(label + "-none");
            return name;
        }
        noise.add(label);
        return options.get(random.nextInt(options.size()));
    }

    /** A letter replaced by one next to it on the keyboard. */
    private String keyboardSlip(String name) {
        List<Integer> letters = letterPositions(name, 1);
        if (letters.isEmpty()) {
            return name;
        }
        int i = letters.get(random.nextInt(letters.size()));
        char c = Character.toLowerCase(name.charAt(i));
        for (String row : KEYBOARD) {
            int at = row.indexOf(c);
            if (at >= 0) {
                int to = at == 0 ? 1 : at == row.length() - 1 ? at - 1 : at + (random.nextBoolean() ? 1 : -1);
                return name.substring(0, i) + row.charAt(to) + name.substring(i + 1);
            }
        }
        return name;
    }

    private String dropped(String name) {
        List<Integer> letters = letterPositions(name, 1);
        if (name.length() < 4 || letters.isEmpty()) {
            return name;
        }
        int i = letters.get(random.nextInt(letters.size()));
        return name.substring(0, i) + name.substring(i + 1);
    }

    private String doubled(String name) {
        List<Integer> letters = letterPositions(name, 1);
        if (letters.isEmpty()) {
            return name;
        }
        int i = letters.get(random.nextInt(letters.size()));
        return name.substring(0, i) + name.charAt(i) + name.substring(i);
    }

    private String transposed(String name) {
        List<Integer> letters = letterPositions(name, 1);
        letters.removeIf(i -> i + 1 >= name.length() || !Character.isLetter(name.charAt(i + 1)));
        if (letters.isEmpty()) {
            return name;
        }
        int i = letters.get(random.nextInt(letters.size()));
        return name.substring(0, i) + name.charAt(i + 1) + name.charAt(i) + name.substring(i + 2);
    }

    /** Positions of letters from {@code from} on (typists rarely get the first letter wrong). */
    private static List<Integer> letterPositions(String name, int from) {
        List<Integer> positions = new ArrayList<>();
        for (int i = from; i < name.length(); i++) {
            if (Character.isLetter(name.charAt(i))) {
                positions.add(i);
            }
        }
        return positions;
    }

    private LocalDate digitWrong(LocalDate born) {
        String digits = born.toString().replace("-", "");
        for (int attempt = 0; attempt < 20; attempt++) {
            int i = random.nextInt(8);
            char replacement = (char) ('0' + random.nextInt(10));
            if (replacement == digits.charAt(i)) {
                continue;
            }
            String changed = digits.substring(0, i) + replacement + digits.substring(i + 1);
            try {
                LocalDate date = LocalDate.of(Integer.parseInt(changed.substring(0, 4)), Integer.parseInt(changed.substring(4, 6)),
                        Integer.parseInt(changed.substring(6, 8)));
                if (!date.isAfter(LAST_BIRTH) && date.getYear() >= 2000) {
                    return date;
                }
            } catch (DateTimeException e) {
                // not a date: another digit
            }
        }
        return born;
    }

    private String digitSlip(String number) {
        int i = random.nextInt(number.length());
        return number.substring(0, i) + (char) ('0' + (number.charAt(i) - '0' + 1 + random.nextInt(8)) % 10) + number.substring(i + 1);
    }

    private String casing(String name) {
        int r = random.nextInt(20);
        if (r == 0) {
            return name.toUpperCase(Locale.ROOT);
        }
        if (r == 1) {
            return name.toLowerCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder(name.length());
        boolean start = true;
        for (char c : name.toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : c);
            start = c == '-' || c == ' ' || c == '\'';
        }
        return out.toString();
    }

    // --- people and places

    private String uniqueGiven(List<String> taken, String sex) {
        for (int attempt = 0; ; attempt++) {
            String first = (sex.equals("male") ? boys : girls).pick(random);
            if (taken.contains(first) && attempt < 50) {
                continue;
            }
            taken.add(first);
            if (random.nextInt(5) == 0) {
                // A middle name of its own: not a brother's or sister's first name.
                String middle = (sex.equals("male") ? boys : girls).pick(random);
                if (!taken.contains(middle)) {
                    taken.add(middle);
                    return first + " " + middle;
                }
            }
            return first;
        }
    }

    private String surname() {
        return surnames.pick(random);
    }

    private String sex() {
        return random.nextBoolean() ? "male" : "female";
    }

    private static String other(String sex) {
        return "male".equals(sex) ? "female" : "male";
    }

    private LocalDate birthDate() {
        return FIRST_BIRTH.plusDays(random.nextInt((int) (LAST_BIRTH.toEpochDay() - FIRST_BIRTH.toEpochDay())));
    }

    private String newPostcode() {
        return DISTRICTS[random.nextInt(DISTRICTS.length)] + " " + random.nextInt(10)
                + UNIT_LETTERS.charAt(random.nextInt(UNIT_LETTERS.length())) + UNIT_LETTERS.charAt(random.nextInt(UNIT_LETTERS.length()));
    }

    /** Another postcode of the same district, among those the county has. */
    private String sameDistrict(String postcode) {
        String district = postcode.substring(0, postcode.indexOf(' '));
        for (int attempt = 0; attempt < 200; attempt++) {
            String other = postcodes.get(random.nextInt(postcodes.size()));
            if (other.startsWith(district + " ") && !other.equals(postcode)) {
                return other;
            }
        }
        return postcode;
    }

    private String nhsNumber() {
        while (true) {
            String number = NhsNumber.withCheckDigit("999" + String.format("%06d", random.nextInt(1_000_000))).orElse(null);
            if (number != null && nhsNumbers.add(number)) {
                return number;
            }
        }
    }

    private String upn() {
        while (true) {
            String upn = Upn.withCheckLetter("926" + String.format("%04d", random.nextInt(10_000)) + String.format("%02d",
                    10 + random.nextInt(16)) + String.format("%03d", random.nextInt(1000)));
            if (upns.add(upn)) {
                return upn;
            }
        }
    }

    /** A weighted list of names: {@code name weight} per line. */
    private record Weighted(Map<String, Integer> weights, String[] names, int[] cumulative) {

        static Weighted load(String file) {
            Map<String, Integer> weights = new LinkedHashMap<>();
            for (String line : lines(file)) {
                String[] parts = line.trim().split("\\s+");
                weights.merge(parts[0], Integer.parseInt(parts[1]), Integer::sum);
            }
            String[] names = weights.keySet().toArray(String[]::new);
            int[] cumulative = new int[names.length];
            int total = 0;
            for (int i = 0; i < names.length; i++) {
                total += weights.get(names[i]);
                cumulative[i] = total;
            }
            return new Weighted(weights, names, cumulative);
        }

        String pick(Random random) {
            int x = random.nextInt(cumulative[cumulative.length - 1]);
            int i = java.util.Arrays.binarySearch(cumulative, x + 1);
            return capitalise(names[i < 0 ? -i - 1 : i]);
        }
    }

    private static String capitalise(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** Each line's first name with the others on it. */
    private static Map<String, List<String>> groups(String file) {
        Map<String, List<String>> groups = new HashMap<>();
        for (String line : lines(file)) {
            String[] names = line.split(",");
            List<String> others = new ArrayList<>();
            for (int i = 1; i < names.length; i++) {
                others.add(capitalise(names[i].trim()));
            }
            groups.merge(names[0].trim(), others, (a, b) -> {
                List<String> all = new ArrayList<>(a);
                all.addAll(b);
                return all;
            });
        }
        return groups;
    }

    private static List<String> lines(String file) {
        List<String> lines = new ArrayList<>();
        try (InputStream in = CountyRegister.class.getResourceAsStream("/county/" + file);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
