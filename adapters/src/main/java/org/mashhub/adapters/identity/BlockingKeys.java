package org.mashhub.adapters.identity;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keys that put a child in small blocks, so a query is compared with a handful of known children rather
 * than all of them. A true match shares at least one key unless several fields are wrong at once:
 * <ul>
 *   <li>{@code D:} birth date and the sound of a family name (or of a part of a double-barrelled one);</li>
 *   <li>{@code G:} birth date and a given-name key (its nickname groups and its sound): survives a changed surname;</li>
 *   <li>{@code N:} given-name key, family sound and birth year: survives a mistyped birth date;</li>
 *   <li>{@code P:} postcode and given-name key: survives a changed surname and a wrong birth date.</li>
 * </ul>
 * Queries look the birth-date keys up for the date as given, with day and month swapped, and a day either side.
 */
public final class BlockingKeys {

    private BlockingKeys() {
    }

    /** The keys a known child is filed under. */
    public static Set<String> forIndex(ChildDescription child) {
        return keys(child, child.birthDate() == null ? List.of() : List.of(child.birthDate()));
    }

    /** The keys to look a query up by. */
    public static Set<String> forQuery(ChildDescription query) {
        LocalDate date = query.birthDate();
        return keys(query, date == null ? List.of()
                : List.of(date, ChildComparator.swapped(date), date.minusDays(1), date.plusDays(1)));
    }

    private static Set<String> keys(ChildDescription child, List<LocalDate> dates) {
        Set<String> givenKeys = new LinkedHashSet<>();
        for (String given : child.givenNames()) {
            givenKeys.addAll(Names.givenKeys(given));
        }
        Set<String> familySounds = new LinkedHashSet<>();
        for (String family : child.familyNames()) {
            familySounds.add(Names.sound(family));
            for (String part : Names.parts(family)) {
                if (part.length() > 1) {
                    familySounds.add(Names.sound(part));
                }
            }
        }
        familySounds.remove("");
        Set<String> keys = new LinkedHashSet<>();
        for (LocalDate date : dates) {
            for (String family : familySounds) {
                keys.add("D:" + date + ":" + family);
            }
            for (String given : givenKeys) {
                keys.add("G:" + date + ":" + given);
                for (String family : familySounds) {
                    keys.add("N:" + given + ":" + family + ":" + date.getYear());
                }
            }
        }
        for (String postcode : child.postcodes()) {
            for (String given : givenKeys) {
                keys.add("P:" + postcode + ":" + given);
            }
        }
        return keys;
    }
}
