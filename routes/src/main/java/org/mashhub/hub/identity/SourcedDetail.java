package org.mashhub.hub.identity;

import java.time.Instant;

/**
 * What one source (a partner, or the case system's own load) said of a child's birth date, sex, given or family
 * name, first seen then. A child keeps every source's value: a linked record never overwrites another's.
 */
public record SourcedDetail(String field, String value, String source, Instant firstSeenAt) {

    public static final String BIRTH_DATE = "BIRTH_DATE";
    public static final String SEX = "SEX";
    public static final String GIVEN_NAME = "GIVEN_NAME";
    public static final String FAMILY_NAME = "FAMILY_NAME";
}
