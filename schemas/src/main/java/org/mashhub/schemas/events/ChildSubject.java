package org.mashhub.schemas.events;

import java.time.LocalDate;
import java.util.List;

/** The child an event is about, as the partner described them, and the hub child id they were linked to. */
public record ChildSubject(
        String hubChildId,
        List<Identifier> identifiers,
        PersonName name,
        LocalDate birthDate,
        String sex,
        Address address,
        School school) {

    public ChildSubject {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    }

    public ChildSubject withHubChildId(String id) {
        return new ChildSubject(id, identifiers, name, birthDate, sex, address, school);
    }
}
