package org.mashhub.schemas.events;

/** A school by its unique reference number (URN, six digits). */
public record School(String urn, String name) {
}
