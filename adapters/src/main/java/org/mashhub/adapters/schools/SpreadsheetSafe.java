package org.mashhub.adapters.schools;

/**
 * Makes a cell safe to open in a spreadsheet: one that begins with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return could be taken for a formula (CSV injection), so it is written with
 * a leading {@code '}, which spreadsheets show as text. Used for every CSV the hub writes.
 */
public final class SpreadsheetSafe {

    private SpreadsheetSafe() {
    }

    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
