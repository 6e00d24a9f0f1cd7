package org.mashhub.adapters.identity;

/**
 * How one field of two descriptions compares, from the most to the least alike. Each field uses some of
 * these; {@link #UNKNOWN} (a side does not have the field) weighs nothing.
 */
public enum Level {
    EXACT,
    /** Given names in one nickname group (Bill, William). */
    NICKNAME,
    /** A part of a double-barrelled family name (Smith, Smith-Jones). */
    PART,
    /** Spelt alike (Jaro-Winkler 0.9 or more) or sounding alike (Double Metaphone). */
    SIMILAR,
    /** Birth date with day and month swapped. */
    SWAPPED,
    /** Birth date one day out. */
    ONE_DAY,
    /** Postcode in the same district (outward code). */
    DISTRICT,
    DIFFERENT,
    UNKNOWN
}
