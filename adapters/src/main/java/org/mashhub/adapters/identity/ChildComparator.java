package org.mashhub.adapters.identity;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compares two descriptions of a child field by field, each field at the most alike level it reaches. */
public final class ChildComparator {

    /** Jaro-Winkler similarity from which two spellings count as the same name mistyped. */
    static final double SIMILAR_SPELLING = 0.9;
    /** Jaro-Winkler similarity from which two names that sound alike count as the same name mistyped. */
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
     * another known given name (a middle name, a name used before), in one nickname group, or the start of
     * it (three letters or more) is NICKNAME.
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
                if (alike(q, k)) {
                    best = Level.SIMILAR;
                }
            }
        }
        return best;
    }

    static Level family(List<String> query, List<String> known) {
        if (query.isEmpty() || known.isEmpty()) {
            return Level.UNKNOWN;
        }
        Level best = Level.DIFFERENT;
        for (String q : query) {
            for (String k : known) {
                if (Names.joined(q).equals(Names.joined(k))) {
                    return Level.EXACT;
                }
                if (sharePart(q, k)) {
                    best = Level.PART;
                } else if (best == Level.DIFFERENT && alike(q, k)) {
                    best = Level.SIMILAR;
                }
            }
        }
        return best;
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
        return Math.abs(ChronoUnit.DAYS.between(query, known)) == 1 ? Level.ONE_DAY : Level.DIFFERENT;
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

    /**
     * Mistyped: spelt alike (Jaro-Winkler 0.9 or more), or sounding alike and spelt fairly alike (0.8). Sound
     * alone is not enough: short given names share Double Metaphone codes (Emily and Amelia, Ivy and Ava).
     */
    private static boolean alike(String a, String b) {
        double spelling = Names.spellingSimilarity(a, b);
        if (spelling >= SIMILAR_SPELLING) {
            return true;
        }
        String sound = Names.sound(a);
        return spelling >= SOUND_ALIKE_SPELLING && !sound.isEmpty() && sound.equals(Names.sound(b));
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

    private static boolean intersect(Collection<String> a, Collection<String> b) {
        for (String x : a) {
            if (b.contains(x)) {
                return true;
            }
        }
        return false;
    }
}
