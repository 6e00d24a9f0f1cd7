package org.mashhub.adapters;

import java.time.Instant;
import java.time.LocalDate;
import org.mashhub.schemas.events.ChildSubject;
import org.mashhub.schemas.events.ConsentState;

/**
 * What a partner says about a family's consent to sharing: for one child, one data category (or
 * {@value #ALL_CATEGORIES}), from a date. The hub stores it as the child's consent state; it is not an
 * event for the case system.
 */
public record ConsentStatement(ChildSubject child, String category, ConsentState state, LocalDate from, LocalDate to,
                               Instant recordedAt) {

    public static final String ALL_CATEGORIES = "*";

    public ConsentStatement withChild(ChildSubject linked) {
        return new ConsentStatement(linked, category, state, from, to, recordedAt);
    }
}
