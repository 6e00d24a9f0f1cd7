package org.mashhub.schemas.events;

import java.time.LocalDate;
import java.util.List;

/** A postal address with the dates it applied, and the council whose area it is in. */
public record Address(List<String> lines, String town, String postcode, String district, LocalDate from, LocalDate to) {

    public Address {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
