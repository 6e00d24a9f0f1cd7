package org.mashhub.adapters.schools;

/**
 * One thing wrong with one row of a school file (one pupil of a CTF): the row as a spreadsheet numbers
 * it (the header is row 1; 0 for the file as a whole), the column or element, the offending value where
 * it is an identifier or a code (never a name, a date of birth or free text), and what is wrong.
 */
public record RowProblem(long row, String field, String value, String reason) {

    public static RowProblem of(long row, String field, String reason) {
        return new RowProblem(row, field, null, reason);
    }

    public static RowProblem withValue(long row, String field, String value, String reason) {
        return new RowProblem(row, field, value, reason);
    }
}
