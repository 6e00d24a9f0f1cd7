package org.mashhub.adapters.identity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mashhub.adapters.NhsNumber;
import org.mashhub.adapters.Upn;
import org.mashhub.schemas.events.ChildSubject;
import org.mashhub.schemas.events.Identifier;

/**
 * What the matcher compares: a child's names (normalised; for a query the first given name is the one
 * the partner used, for a known child every given name on record), birth date, sex, postcodes, and the
 * valid NHS Numbers and UPNs (an invalid one, such as a mistyped NHS Number, is not evidence of anything).
 */
public record ChildDescription(List<String> givenNames, List<String> familyNames, LocalDate birthDate, String sex,
                               Set<String> postcodes, Set<String> nhsNumbers, Set<String> upns) {

    public ChildDescription {
        givenNames = List.copyOf(givenNames);
        familyNames = List.copyOf(familyNames);
        postcodes = Set.copyOf(postcodes);
        nhsNumbers = Set.copyOf(nhsNumbers);
        upns = Set.copyOf(upns);
        sex = sex == null || sex.equals("unknown") ? null : sex;
    }

    /** A partner's description of a child: the first given name first, then middle and other names. */
    public static ChildDescription of(ChildSubject child) {
        List<String> given = new ArrayList<>();
        List<String> family = new ArrayList<>();
        if (child.name() != null) {
            List<String> givenParts = Names.parts(Names.normalise(child.name().given()));
            given.addAll(givenParts.isEmpty() ? List.of() : List.of(givenParts.get(0)));
            given.addAll(givenParts.size() > 1 ? givenParts.subList(1, givenParts.size()) : List.of());
            addIfPresent(family, Names.normalise(child.name().family()));
            // Other names may be given or family names (preferred, former, alternative): both lists get them.
            for (String other : child.name().other()) {
                addIfPresent(given, Names.normalise(other));
                addIfPresent(family, Names.normalise(other));
            }
        }
        Set<String> postcodes = new LinkedHashSet<>();
        if (child.address() != null && postcode(child.address().postcode()) != null) {
            postcodes.add(postcode(child.address().postcode()));
        }
        Set<String> nhs = new LinkedHashSet<>();
        Set<String> upns = new LinkedHashSet<>();
        for (Identifier id : child.identifiers()) {
            if (Identifier.NHS_NUMBER.equals(id.system()) && NhsNumber.isValid(id.value())) {
                nhs.add(id.value());
            } else if (Identifier.UPN.equals(id.system()) && Upn.isValid(id.value())) {
                upns.add(id.value());
            }
        }
        return new ChildDescription(given, family, child.birthDate(), child.sex(), postcodes, nhs, upns);
    }

    /** A postcode without spaces, in capitals; null when there is none. */
    public static String postcode(String postcode) {
        if (postcode == null || postcode.isBlank()) {
            return null;
        }
        return postcode.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

    /** The outward code (the postcode district): all but the last three characters. */
    static String district(String postcode) {
        return postcode.length() > 3 ? postcode.substring(0, postcode.length() - 3) : postcode;
    }

    public String primaryGiven() {
        return givenNames.isEmpty() ? null : givenNames.get(0);
    }

    private static void addIfPresent(List<String> list, String value) {
        if (value != null && !list.contains(value)) {
            list.add(value);
        }
    }
}
