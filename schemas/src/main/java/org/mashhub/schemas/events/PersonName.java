package org.mashhub.schemas.events;

import java.util.List;

/** A name as it was given; {@code other} holds previous, alternative or preferred names. */
public record PersonName(String given, String family, List<String> other) {

    public PersonName {
        other = other == null ? List.of() : List.copyOf(other);
    }
}
