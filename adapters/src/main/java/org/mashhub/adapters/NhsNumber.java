package org.mashhub.adapters;

/**
 * NHS Number check: ten digits, the last a modulus 11 check digit over the first nine weighted 10 down
 * to 2. A remainder giving check digit 10 means the number cannot exist.
 */
public final class NhsNumber {

    private NhsNumber() {
    }

    public static boolean isValid(String candidate) {
        if (candidate == null || candidate.length() != 10) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            char c = candidate.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            if (i < 9) {
                sum += (c - '0') * (10 - i);
            }
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == candidate.charAt(9) - '0';
    }
}
