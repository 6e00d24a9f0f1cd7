package org.mashhub.adapters.schools;

import java.time.LocalDate;
import org.mashhub.schemas.events.ConsentState;
import org.mashhub.schemas.events.Rag;

/** A valid row of a safeguarding-concern export (format (a) in {@code schemas/schools/README.md}). */
public record SafeguardingConcern(
        String concernId,
        String schoolUrn,
        String upn,
        String givenName,
        String familyName,
        LocalDate birthDate,
        String yearGroup,
        String category,
        LocalDate concernDate,
        String summary,
        String actionTaken,
        Rag rag,
        ConsentState consent,
        String dslName,
        String dslPhone,
        String dslEmail) {
}
