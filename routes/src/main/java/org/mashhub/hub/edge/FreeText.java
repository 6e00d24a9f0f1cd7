package org.mashhub.hub.edge;

/**
 * Bounds on what staff write in their own words (reasons, notes): a text longer than its column is refused with a
 * 4xx naming the field and its limit, before anything is written, never a database error with the text in it.
 */
public final class FreeText {

    /** A reason for a decision: discarding, linking, confirming a new child. */
    public static final int REASON = 500;
    /** A note or a manager's reason for releasing or refusing: a paragraph or two. */
    public static final int NOTE = 2000;

    private FreeText() {
    }

    /** The text, if it is at most {@code max} characters. */
    public static String bounded(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new TooLong(field, max, value.length());
        }
        return value;
    }

    public static class TooLong extends IllegalArgumentException {
        public TooLong(String field, int max, int length) {
            super("The " + field + " is " + length + " characters long; it may be at most " + max + ".");
        }
    }
}
