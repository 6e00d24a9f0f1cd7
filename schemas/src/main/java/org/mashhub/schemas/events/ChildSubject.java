package org.mashhub.schemas.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;

/**
 * The child an event is about, as the partner described them, and the hub child id they were linked to. The hub's own
 * notices name the hub child id only: their identifiers are an empty list, which the schema still requires.
 */
public record ChildSubject(
        String hubChildId,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<Identifier> identifiers,
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
