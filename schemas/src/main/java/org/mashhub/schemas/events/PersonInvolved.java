package org.mashhub.schemas.events;

import java.time.LocalDate;
import java.util.List;

/** Someone else in the child's life who is part of the worry: a parent, a partner, a household member. */
public record PersonInvolved(String relationshipToChild, PersonName name, LocalDate birthDate, List<Identifier> identifiers) {

    public PersonInvolved {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    }
}
