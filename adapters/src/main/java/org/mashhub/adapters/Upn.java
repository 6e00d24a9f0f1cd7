package org.mashhub.adapters;

/**
 * Unique Pupil Number (DfE): a check letter, then 12 digits (a permanent UPN) or 11 digits and a letter
 * (a temporary one). The check letter is the sum of each later character's value times its position
 * (2 to 13), modulo 23, as a letter of {@value #LETTERS}; a temporary UPN's final letter counts as its
 * place in the same list.
 */
public final class Upn {

    static final String LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

    private Upn() {
    }

    public static boolean isValid(String candidate) {
        if (candidate == null || candidate.length() != 13) {
            return false;
        }
        for (int i = 1; i < 12; i++) {
            if (!isDigit(candidate.charAt(i))) {
                return false;
            }
        }
        char last = candidate.charAt(12);
        if (!isDigit(last) && LETTERS.indexOf(last) < 0) {
            return false;
        }
        return checkLetter(candidate.substring(1)) == candidate.charAt(0);
    }

    /** The UPN made of these 12 characters with their check letter in front (for synthetic test and demo data). */
    public static String withCheckLetter(String rest) {
        return checkLetter(rest) + rest;
    }

    /** The check letter for the 12 characters after it. */
    static char checkLetter(String rest) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            char c = rest.charAt(i);
            sum += (isDigit(c) ? c - '0' : LETTERS.indexOf(c)) * (i + 2);
        }
        return LETTERS.charAt(sum % 23);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
