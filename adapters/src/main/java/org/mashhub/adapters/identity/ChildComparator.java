package org.mashhub.adapters.identity;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares two descriptions of a child field by field, each field at the most alike level it reaches. Names
 * are graded by what goes wrong when people write them down: the same name (EXACT, NICKNAME, PART), one slip
 * of the keyboard (TYPO), two slips or another spelling of the same sound (SIMILAR); birth dates by the slips
 * people make (SWAPPED, ONE_DAY, ONE_DIGIT).
 */
public final class ChildComparator {

    /** Jaro-Winkler similarity from which two spellings count as the same name mistyped. */
    static final double SIMILAR_SPELLING = 0.92;
    /** Jaro-Winkler similarity from which two names that sound alike count as the same name spelt another way. */
    static final double SOUND_ALIKE_SPELLING = 0.8;

    private ChildComparator() {
    }

    public static Map<Field, Level> compare(ChildDescription query, ChildDescription known) {
        Map<Field, Level> levels = new EnumMap<>(Field.class);
        levels.put(Field.GIVEN_NAME, given(query.givenNames(), known.givenNames()));
        levels.put(Field.FAMILY_NAME, family(query.familyNames(), known.familyNames()));
        levels.put(Field.BIRTH_DATE, birthDate(query.birthDate(), known.birthDate()));
        levels.put(Field.SEX, query.sex() == null || known.sex() == null ? Level.UNKNOWN
                : query.sex().equals(known.sex()) ? Level.EXACT : Level.DIFFERENT);
        levels.put(Field.POSTCODE, postcode(query.postcodes(), known.postcodes()));
        levels.put(Field.NHS_NUMBER, identifiers(query.nhsNumbers(), known.nhsNumbers()));
        levels.put(Field.UPN, identifiers(query.upns(), known.upns()));
        return levels;
    }

    /**
     * EXACT only when the name the partner used is the child's first given name on record; the same as
     * another known given name (a middle name, a name used before), the name a nickname is of (William for Bill),
     * or the start of it (three letters or more) is NICKNAME; then TYPO and SIMILAR by spelling, and two short forms
     * of one name SIMILAR.
     */
    static Level given(List<String> query, List<String> known) {
        if (query.isEmpty() || known.isEmpty()) {
            return Level.UNKNOWN;
        }
        if (Names.joined(query.get(0)).equals(Names.joined(known.get(0)))) {
            return Level.EXACT;
        }
        Level best = Level.DIFFERENT;
        for (String q : query) {
            for (String k : known) {
                if (Names.joined(q).equals(Names.joined(k)) || Names.sameByNickname(q, k) || shortened(q, k)) {
                    return Level.NICKNAME;
                }
                // Two short forms of one name (Alfie, Freddie) are alike, not the same: brothers can have them.
                best = closer(best, Names.inOneNicknameGroup(q, k) ? Level.SIMILAR : spelling(q, k));
            }
        }
        return best;
    }

    /** EXACT also for the parts of a double-barrelled name in another order or spacing (Smith-Jones, Jones Smith). */
    static Level family(List<String> query, List<String> known) {
        if (query.isEmpty() || known.isEmpty()) {
            return Level.UNKNOWN;
        }
        Level best = Level.DIFFERENT;
        for (String q : query) {
            for (String k : known) {
                if (Names.joined(q).equals(Names.joined(k)) || sameParts(q, k)) {
                    return Level.EXACT;
                }
                if (sharePart(q, k)) {
                    best = closer(best, Level.PART);
                }
                best = closer(best, spelling(q, k));
                for (String qp : Names.parts(q)) {
                    for (String kp : Names.parts(k)) {
                        if (Names.parts(q).size() > 1 || Names.parts(k).size() > 1) {
                            best = closer(best, spelling(qp, kp));
                        }
                    }
                }
            }
        }
        return best;
    }

    /**
     * TYPO: one slip (a letter wrong, missing, doubled, or two letters swapped) in names of three letters or
     * more; in a name of under five letters not at the first letter and not a letter wrong (Ava and Eva, Tom and Tim
     * are two names). SIMILAR: two slips in a name of
     * five letters or more with the first letter right, or the same sound spelt fairly alike, or Jaro-Winkler
     * 0.92 or more. Sound alone is not enough: short names share Double Metaphone codes (Emily and Amelia).
     */
    static Level spelling(String a, String b) {
        String x = Names.joined(a);
        String y = Names.joined(b);
        int shorter = Math.min(x.length(), y.length());
        if (shorter < 3) {
            return Level.DIFFERENT;
        }
        boolean sameInitial = x.charAt(0) == y.charAt(0);
        int slips = Names.slips(x, y);
        // Short names one letter apart are often two names (Tom and Tim, Leo and Lea): there, only a letter missing,
        // doubled or swapped is a slip.
        boolean substitution = x.length() == y.length() && !sameLetters(x, y);
        if (slips <= 1 && (sameInitial || shorter >= 5) && (shorter >= 5 || !substitution)) {
            return Level.TYPO;
        }
        if ((slips == 2 && shorter >= 5 && sameInitial) || Names.spellingSimilarity(x, y) >= SIMILAR_SPELLING
                || (Names.spellingSimilarity(x, y) >= SOUND_ALIKE_SPELLING && Names.soundAlike(x, y))) {
            return Level.SIMILAR;
        }
        return Level.DIFFERENT;
    }

    static Level birthDate(LocalDate query, LocalDate known) {
        if (query == null || known == null) {
            return Level.UNKNOWN;
        }
        if (query.equals(known)) {
            return Level.EXACT;
        }
        if (swapped(query).equals(known)) {
            return Level.SWAPPED;
        }
        if (Math.abs(ChronoUnit.DAYS.between(query, known)) == 1) {
            return Level.ONE_DAY;
        }
        return digitsDifferent(query, known) == 1 ? Level.ONE_DIGIT : Level.DIFFERENT;
    }

    /** How many of the eight digits of yyyymmdd differ. */
    static int digitsDifferent(LocalDate a, LocalDate b) {
        int different = 0;
        int x = a.getYear() * 10000 + a.getMonthValue() * 100 + a.getDayOfMonth();
        int y = b.getYear() * 10000 + b.getMonthValue() * 100 + b.getDayOfMonth();
        for (int i = 0; i < 8; i++) {
            different += x % 10 != y % 10 ? 1 : 0;
            x /= 10;
            y /= 10;
        }
        return different;
    }

    /** The date with day and month swapped, where that is a different valid date; else the date itself. */
    public static LocalDate swapped(LocalDate date) {
        if (date.getDayOfMonth() > 12 || date.getDayOfMonth() == date.getMonthValue()) {
            return date;
        }
        try {
            return LocalDate.of(date.getYear(), date.getDayOfMonth(), date.getMonthValue());
        } catch (java.time.DateTimeException e) {
            return date;
        }
    }

    static Level postcode(Set<String> query, Set<String> known) {
        if (query.isEmpty() || known.isEmpty()) {
            return Level.UNKNOWN;
        }
        if (intersect(query, known)) {
            return Level.EXACT;
        }
        for (String q : query) {
            for (String k : known) {
                if (ChildDescription.district(q).equals(ChildDescription.district(k))) {
                    return Level.DISTRICT;
                }
            }
        }
        return Level.DIFFERENT;
    }

    static Level identifiers(Set<String> query, Set<String> known) {
        if (query.isEmpty() || known.isEmpty()) {
            return Level.UNKNOWN;
        }
        return intersect(query, known) ? Level.EXACT : Level.DIFFERENT;
    }

    /** The same letters in another order. */
    private static boolean sameLetters(String a, String b) {
        char[] x = a.toCharArray();
        char[] y = b.toCharArray();
        java.util.Arrays.sort(x);
        java.util.Arrays.sort(y);
        return java.util.Arrays.equals(x, y);
    }

    /** The more alike of two levels, by their order in {@link Level}. */
    private static Level closer(Level a, Level b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    /** One given name the start of the other, of three letters or more: Har for Harrison, Jas for Jasmine. */
    private static boolean shortened(String a, String b) {
        String x = Names.joined(a);
        String y = Names.joined(b);
        return x.length() >= 3 && y.length() >= 3 && (x.startsWith(y) || y.startsWith(x));
    }

    /** "Smith" and "Smith-Jones", or "Smith-Jones" and "Jones-Smith": a word of two letters or more in common. */
    private static boolean sharePart(String a, String b) {
        List<String> partsA = Names.parts(a);
        List<String> partsB = Names.parts(b);
        if (partsA.size() == 1 && partsB.size() == 1) {
            return false;
        }
        for (String p : partsA) {
            if (p.length() > 1 && partsB.contains(p)) {
                return true;
            }
        }
        return false;
    }

    /** The same words in another order: Smith-Jones and Jones-Smith. */
    private static boolean sameParts(String a, String b) {
        List<String> partsA = Names.parts(a);
        List<String> partsB = Names.parts(b);
        return partsA.size() > 1 && partsA.size() == partsB.size() && new java.util.HashSet<>(partsA).equals(new java.util.HashSet<>(partsB));
    }

    private static boolean intersect(Collection<String> a, Collection<String> b) {
        for (String x : a) {
            if (b.contains(x)) {
                return true;
            }
        }
        return false;
    }
}
