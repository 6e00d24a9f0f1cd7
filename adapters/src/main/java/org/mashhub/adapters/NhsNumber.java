package org.mashhub.adapters;

/**
 * NHS Number check: ten digits, the last a modulus 11 check digit over the first nine weighted 10 down
 * to 2. A remainder giving check digit 10 means the number cannot exist.
 */
public final class NhsNumber {

    private NhsNumber() {
    }

    public static boolean isValid(String candidate) {
        if (candidate == null || candidate.length() != 10 || !candidate.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int check = checkDigit(candidate);
        return check != 10 && check == candidate.charAt(9) - '0';
    }

    /**
     * The NHS Number nine digits make with their check digit, or empty when none can (check digit 10). Made-up
     * people take nine digits of the 999 range, which is never issued.
     */
    public static java.util.Optional<String> withCheckDigit(String nineDigits) {
        if (nineDigits == null || nineDigits.length() != 9 || !nineDigits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("nine digits are needed");
        }
        int check = checkDigit(nineDigits);
        return check == 10 ? java.util.Optional.empty() : java.util.Optional.of(nineDigits + check);
    }

    /** Modulus 11 over the first nine digits, weighted 10 down to 2; 10 means no valid number. */
    private static int checkDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        return (11 - sum % 11) % 11;
    }
}
