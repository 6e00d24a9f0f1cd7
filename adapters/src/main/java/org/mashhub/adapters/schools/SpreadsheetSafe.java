package org.mashhub.adapters.schools;

import java.text.Normalizer;

/**
 * Makes a cell safe to open in a spreadsheet (CSV injection): one a spreadsheet could read as a formula is written
 * with a leading {@code '}, which spreadsheets show as text. That is a cell whose first character, after any spaces,
 * tabs, line breaks and other blanks a spreadsheet skips, is {@code =}, {@code +}, {@code -} or {@code @}, or a form of
 * one that compatibility normalisation turns into it (the full-width {@code ＝}, the small {@code ﹦}); or a cell that
 * begins with a control character. Used for every CSV the hub writes.
 */
public final class SpreadsheetSafe {

    private SpreadsheetSafe() {
    }

    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return readAsFormula(value) ? "'" + value : value;
    }

    private static boolean readAsFormula(String value) {
        if (Character.isISOControl(value.charAt(0))) {
            return true;
        }
        String normalised = Normalizer.normalize(value, Normalizer.Form.NFKC);
        int i = 0;
        while (i < normalised.length() && (Character.isWhitespace(normalised.charAt(i)) || Character.isSpaceChar(normalised.charAt(i))
                || Character.isISOControl(normalised.charAt(i)))) {
            i++;
        }
        if (i == normalised.length()) {
            return false;
        }
        char first = normalised.charAt(i);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\u2212'; // U+2212: the minus sign
    }
}
