package org.mashhub.bench.identity;

import java.time.LocalDate;

/**
 * A made-up child as the case system would know them. {@code given} may hold a middle name after the
 * first ("Lily Mae"); {@code household} groups siblings; {@code twin} is true for both children of a twin pair.
 */
record SyntheticChild(String caseSystemPersonId, String given, String family, LocalDate birthDate, String sex,
                      String postcode, String nhsNumber, String upn, int household, boolean twin) {

    String firstGiven() {
        return given.split(" ")[0];
    }
}
