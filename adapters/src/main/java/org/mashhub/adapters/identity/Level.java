package org.mashhub.adapters.identity;

/**
 * How one field of two descriptions compares, from the most to the least alike. Each field uses some of
 * these (see {@link Field}); {@link #UNKNOWN} (a side does not have the field) weighs nothing.
 */
public enum Level {
    EXACT,
    /** Given names that are one name: a nickname group (Bill, William), another of the child's given names, a short form. */
    NICKNAME,
    /** A part of a double-barrelled family name (Smith, Smith-Jones). */
    PART,
    /** One slip of the keyboard: a letter wrong, missing, doubled or two swapped (optimal string alignment distance 1). */
    TYPO,
    /** Two slips in a longer name, or another spelling that sounds the same (Mohammed, Muhammad). */
    SIMILAR,
    /** Birth date with day and month swapped. */
    SWAPPED,
    /** Birth date one day out. */
    ONE_DAY,
    /** Birth date with one digit of yyyymmdd wrong (2015-04-19 and 2016-04-19, 2015-05-19 or 2015-04-29). */
    ONE_DIGIT,
    /** Postcode in the same district (outward code). */
    DISTRICT,
    DIFFERENT,
    UNKNOWN
}
