package org.mashhub.bench.identity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.mashhub.adapters.NhsNumber;
import org.mashhub.adapters.Upn;
import org.mashhub.adapters.identity.Names;

/**
 * Made-up children in households: one to four siblings sharing a family name and a postcode, born between
 * 2008 and 2026; one household in thirty has twins (born the same day, different given names). A quarter
 * have a middle name; one in fifty a double-barrelled family name (names: {@link UkNames}). Most have an NHS Number (from the 999
 * range, never issued), school-age children a UPN. Seeded: the same seed gives the same children.
 */
final class SyntheticPopulation {

    private static final String[] AREAS = {"EX", "PL", "TQ", "TR", "BS", "BA", "TA", "DT"};
    private static final String INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";
    private static final LocalDate EARLIEST = LocalDate.of(2008, 1, 1);
    private static final int DAYS = (int) (LocalDate.of(2026, 10, 31).toEpochDay() - EARLIEST.toEpochDay());

    private final Random random;
    private final UkNames names = new UkNames();
    private final Set<String> nhsNumbers = new HashSet<>();
    private final Set<String> upns = new HashSet<>();
    private int household;
    /** The given names (every part) used in each household: brothers and sisters get names of their own. */
    private final Map<Integer, List<String>> householdNames = new HashMap<>();

    SyntheticPopulation(long seed) {
        this.random = new Random(seed);
    }

    /**
     * Known children, and partner records (see {@link PartnerRecords}) about them (80%) and about children the
     * case system has never seen (20%: strangers, new brothers and sisters of known children, namesakes of known
     * children, the unknown twin of a known child).
     */
    static LabelledSet labelledSet(int children, int queryCount, long seed) {
        SyntheticPopulation population = new SyntheticPopulation(seed);
        List<SyntheticChild> known = population.children(children, "CS");
        PartnerRecords records = new PartnerRecords(seed + 1, population);
        List<SyntheticChild> strangers = population.children(queryCount, "X");
        Random random = new Random(seed + 2);
        List<PartnerRecord> built = new ArrayList<>(queryCount);
        for (int i = 0; i < queryCount; i++) {
            int kind = random.nextInt(100);
            if (kind < 80) {
                SyntheticChild child = known.get(random.nextInt(known.size()));
                built.add(records.noisy(child, child.caseSystemPersonId()));
            } else if (kind < 92) {
                built.add(records.noisy(strangers.get(i), null));
            } else if (kind < 94) {
                built.add(records.noisy(population.newSiblingOf(known.get(random.nextInt(known.size())), "S" + i), null));
            } else if (kind < 98) {
                built.add(records.noisy(population.namesakeOf(known.get(random.nextInt(known.size())), "N" + i), null));
            } else {
                built.add(records.noisy(population.twinOf(known.get(random.nextInt(known.size())), "T" + i), null));
            }
        }
        return new LabelledSet(known, built);
    }

    List<SyntheticChild> children(int count, String idPrefix) {
        List<SyntheticChild> children = new ArrayList<>(count);
        while (children.size() < count) {
            household++;
            String family = familyName();
            String postcode = postcode();
            int size = pickSize();
            boolean twins = random.nextInt(30) == 0;
            LocalDate born = birthDate();
            for (int i = 0; i < size && children.size() < count; i++) {
                String sex = random.nextBoolean() ? "male" : "female";
                children.add(child(idPrefix + children.size(), otherName(household, sex), family, born, sex, postcode, false));
                born = born.plusDays(400 + random.nextInt(1500));
                if (born.isAfter(LocalDate.of(2026, 10, 31))) {
                    break;
                }
            }
            if (twins && children.size() + 2 <= count) {
                LocalDate twinsBorn = birthDate();
                String sex = random.nextBoolean() ? "male" : "female";
                String first = otherName(household, sex);
                String secondSex = random.nextInt(5) < 3 ? sex : other(sex);
                String second = otherName(household, secondSex);
                children.add(child(idPrefix + children.size(), first, family, twinsBorn, sex, postcode, true));
                children.add(child(idPrefix + children.size(), second, family, twinsBorn, secondSex, postcode, true));
            }
        }
        return children;
    }

    /** A child with the same names as another, born another day, living elsewhere. */
    SyntheticChild namesakeOf(SyntheticChild child, String id) {
        household++;
        return child(id, child.given(), child.family(), birthDate(), child.sex(), postcode(), false);
    }

    /** The other twin of a child: same family, day and postcode, another given name. */
    SyntheticChild twinOf(SyntheticChild child, String id) {
        return new SyntheticChild(id, otherName(child.household(), child.sex()), child.family(), child.birthDate(), child.sex(),
                child.postcode(), nhsNumber(), child.upn() == null ? null : upn(), child.household(), true);
    }

    /** A younger brother or sister of a child, born since: same family and postcode. */
    SyntheticChild newSiblingOf(SyntheticChild child, String id) {
        String sex = random.nextBoolean() ? "male" : "female";
        LocalDate born = child.birthDate().plusDays(300 + random.nextInt(1500));
        if (born.isAfter(LocalDate.of(2026, 10, 31))) {
            born = LocalDate.of(2026, 10, 31).minusDays(random.nextInt(200));
        }
        return new SyntheticChild(id, otherName(child.household(), sex), child.family(), born, sex, child.postcode(), nhsNumber(), null,
                child.household(), false);
    }

    /**
     * A given name (perhaps with a middle name) for a child of the household that none of its brothers and
     * sisters has: not the same as any of their names, not a nickname of one, not spelt nearly alike.
     */
    private String otherName(int householdId, String sex) {
        List<String> taken = householdNames.computeIfAbsent(householdId, h -> new ArrayList<>());
        while (true) {
            String candidate = given(sex);
            boolean clash = false;
            for (String part : candidate.split(" ")) {
                String a = Names.normalise(part);
                for (String b : taken) {
                    clash |= a.equals(b) || Names.sameByNickname(a, b) || Names.spellingSimilarity(a, b) >= 0.85;
                }
            }
            if (!clash) {
                for (String part : candidate.split(" ")) {
                    taken.add(Names.normalise(part));
                }
                return candidate;
            }
        }
    }

    private SyntheticChild child(String id, String given, String family, LocalDate born, String sex, String postcode, boolean twin) {
        boolean schoolAge = born.isBefore(LocalDate.of(2022, 9, 1));
        return new SyntheticChild(id, given, family, born, sex, postcode, random.nextInt(100) < 85 ? nhsNumber() : null,
                schoolAge && random.nextInt(100) < 75 ? upn() : null, household, twin);
    }

    private String given(String sex) {
        String first = UkNames.capitalised(names.given(sex, random));
        if (random.nextInt(4) == 0) {
            return first + " " + UkNames.capitalised(names.given(sex, random));
        }
        return first;
    }

    String familyName() {
        String family = UkNames.capitalised(names.family(random));
        if (random.nextInt(50) == 0) {
            family = family + "-" + UkNames.capitalised(names.family(random));
        }
        return family;
    }

    String postcode() {
        return AREAS[random.nextInt(AREAS.length)] + (1 + random.nextInt(30)) + " " + random.nextInt(10)
                + INWARD_LETTERS.charAt(random.nextInt(INWARD_LETTERS.length()))
                + INWARD_LETTERS.charAt(random.nextInt(INWARD_LETTERS.length()));
    }

    private LocalDate birthDate() {
        return EARLIEST.plusDays(random.nextInt(DAYS));
    }

    private int pickSize() {
        int r = random.nextInt(100);
        return r < 50 ? 1 : r < 80 ? 2 : r < 95 ? 3 : 4;
    }

    private static String other(String sex) {
        return "male".equals(sex) ? "female" : "male";
    }

    /** A valid NHS Number in the 999 range (about 909,000 exist), unique here; null once 900,000 are used. */
    String nhsNumber() {
        if (nhsNumbers.size() >= 900_000) {
            return null;
        }
        while (true) {
            Optional<String> number = NhsNumber.withCheckDigit("999" + String.format("%06d", random.nextInt(1_000_000)));
            if (number.isPresent() && nhsNumbers.add(number.get())) {
                return number.get();
            }
        }
    }

    private String upn() {
        while (true) {
            String upn = Upn.withCheckLetter("878" + String.format("%04d", random.nextInt(10_000)) + String.format("%02d",
                    10 + random.nextInt(16)) + String.format("%03d", random.nextInt(1000)));
            if (upns.add(upn)) {
                return upn;
            }
        }
    }
}
