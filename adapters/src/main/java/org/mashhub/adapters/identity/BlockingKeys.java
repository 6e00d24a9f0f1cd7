package org.mashhub.adapters.identity;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keys that put a child in small blocks, so a query is compared with a handful of known children rather
 * than all of them. The passes are chosen so that a true match shares at least one key when any two fields
 * are wrong at once, and several do not depend on the names being spelt right:
 * <ul>
 *   <li>{@code D:} birth date and the sound of a family name (or of a part of a double-barrelled one);</li>
 *   <li>{@code G:} birth date and a given-name key (its nickname groups and its sound): survives a changed surname;</li>
 *   <li>{@code I:} birth date and both names' first letters: survives typos in both names;</li>
 *   <li>{@code C:} birth date and postcode district: survives both names mistyped or changed;</li>
 *   <li>{@code N:} given-name key, family sound and birth year: survives a mistyped day or month;</li>
 *   <li>{@code M:} given-name key, family sound, and the day and month of birth: survives a mistyped year;</li>
 *   <li>{@code P:} postcode and given-name key: survives a changed surname and a wrong birth date;</li>
 *   <li>{@code Q:} postcode and family sound: survives a given name the hub does not know and a wrong birth date.</li>
 * </ul>
 * Queries look the birth-date keys up for the date as given, with day and month swapped, and a day either
 * side; the year keys for the years either side too.
 */
public final class BlockingKeys {

    private BlockingKeys() {
    }

    /** The keys a known child is filed under. */
    public static Set<String> forIndex(ChildDescription child) {
        LocalDate date = child.birthDate();
        return keys(child, date == null ? List.of() : List.of(date), date == null ? List.of() : List.of(date.getYear()));
    }

    /** The keys to look a query up by. */
    public static Set<String> forQuery(ChildDescription query) {
        LocalDate date = query.birthDate();
        if (date == null) {
            return keys(query, List.of(), List.of());
        }
        return keys(query, List.of(date, ChildComparator.swapped(date), date.minusDays(1), date.plusDays(1)),
                List.of(date.getYear(), date.getYear() - 1, date.getYear() + 1));
    }

    private static Set<String> keys(ChildDescription child, List<LocalDate> dates, List<Integer> years) {
        Set<String> givenKeys = new LinkedHashSet<>();
        Set<String> givenInitials = new LinkedHashSet<>();
        for (String given : child.givenNames()) {
            givenKeys.addAll(Names.givenKeys(given));
        }
        if (child.primaryGiven() != null) {
            givenInitials.add(Names.initial(child.primaryGiven()));
        }
        Set<String> familySounds = new LinkedHashSet<>();
        Set<String> familyInitials = new LinkedHashSet<>();
        for (String family : child.familyNames()) {
            familySounds.add(Names.sound(family));
            familyInitials.add(Names.initial(family));
            for (String part : Names.parts(family)) {
                if (part.length() > 1) {
                    familySounds.add(Names.sound(part));
                    familyInitials.add(Names.initial(part));
                }
            }
        }
        familySounds.remove("");
        givenInitials.remove("");
        familyInitials.remove("");
        Set<String> districts = new LinkedHashSet<>();
        for (String postcode : child.postcodes()) {
            districts.add(ChildDescription.district(postcode));
        }
        Set<String> keys = new LinkedHashSet<>();
        for (LocalDate date : new LinkedHashSet<>(dates)) {
            for (String family : familySounds) {
                keys.add("D:" + date + ":" + family);
            }
            for (String given : givenKeys) {
                keys.add("G:" + date + ":" + given);
            }
            for (String given : givenInitials) {
                for (String family : familyInitials) {
                    keys.add("I:" + date + ":" + given + family);
                }
            }
            for (String district : districts) {
                keys.add("C:" + date + ":" + district);
            }
        }
        for (int year : years) {
            for (String family : familySounds) {
                for (String given : givenKeys) {
                    keys.add("N:" + given + ":" + family + ":" + year);
                }
            }
        }
        if (!dates.isEmpty()) {
            String dayAndMonth = dates.get(0).toString().substring(5);
            for (String family : familySounds) {
                for (String given : givenKeys) {
                    keys.add("M:" + given + ":" + family + ":" + dayAndMonth);
                }
            }
        }
        for (String postcode : child.postcodes()) {
            for (String given : givenKeys) {
                keys.add("P:" + postcode + ":" + given);
            }
            for (String family : familySounds) {
                keys.add("Q:" + postcode + ":" + family);
            }
        }
        return keys;
    }
}
