package org.mashhub.bench.identity;

import java.time.LocalDate;

/**
 * How a partner wrote a child down, and who the child really is ({@code truth}: the case-system person id,
 * or null for a child the case system has never seen). {@code noise} lists what was changed.
 */
record PartnerRecord(String truth, String nhsNumber, String upn, String given, String family, LocalDate birthDate,
                     String sex, String postcode, String noise) {
}
