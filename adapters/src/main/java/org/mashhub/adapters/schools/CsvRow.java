package org.mashhub.adapters.schools;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;
import org.mashhub.adapters.Upn;

/** One CSV row being read: typed cells, and every problem found on the way. */
final class CsvRow {

    private static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);

    private final CSVRecord record;
    private final long row;
    private final List<RowProblem> problems = new ArrayList<>();

    CsvRow(CSVRecord record, long row, int columns) {
        this.record = record;
        this.row = row;
        if (record.size() != columns) {
            problems.add(RowProblem.of(row, "", "has " + record.size() + " cells; the header has " + columns));
        }
    }

    long row() {
        return row;
    }

    List<RowProblem> problems() {
        return problems;
    }

    boolean valid() {
        return problems.isEmpty();
    }

    /** The cell's text, or null when the column is absent or the cell empty. */
    String optional(String column, int maxLength) {
        String value = record.isMapped(column) && record.isSet(column) ? record.get(column) : null;
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > maxLength) {
            problems.add(RowProblem.of(row, column, "is longer than " + maxLength + " characters"));
            return null;
        }
        return value;
    }

    String required(String column, int maxLength) {
        String value = optional(column, maxLength);
        if (value == null && problems.stream().noneMatch(p -> p.field().equals(column))) {
            problems.add(RowProblem.of(row, column, "is required"));
        }
        return value;
    }

    /** A code from a fixed list; the value is shown in the report, being a code, not personal data. */
    String code(String column, Set<String> allowed, boolean required) {
        String value = required ? required(column, 64) : optional(column, 64);
        if (value == null) {
            return null;
        }
        String upper = value.toUpperCase(Locale.ROOT);
        String match = allowed.contains(value) ? value : allowed.contains(upper) ? upper : null;
        if (match == null) {
            problems.add(RowProblem.withValue(row, column, abbreviated(value), "is not one of " + String.join(", ", allowed)));
        }
        return match;
    }

    String upn(String column) {
        String value = required(column, 13 + 20);
        if (value != null && !Upn.isValid(value)) {
            problems.add(RowProblem.withValue(row, column, abbreviated(value),
                    "is not a valid UPN (13 characters with the DfE check letter)"));
            return null;
        }
        return value;
    }

    String urn(String column) {
        String value = required(column, 6 + 20);
        if (value != null && !value.matches("[0-9]{6}")) {
            problems.add(RowProblem.withValue(row, column, abbreviated(value), "is not a 6-digit URN"));
            return null;
        }
        return value;
    }

    /** A date as yyyy-mm-dd or dd/mm/yyyy; the value is shown only when {@code showValue} (never for a birth date). */
    LocalDate date(String column, boolean required, boolean showValue) {
        String value = required ? required(column, 40) : optional(column, 40);
        if (value == null) {
            return null;
        }
        try {
            return value.contains("/") ? LocalDate.parse(value, UK_DATE) : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(new RowProblem(row, column, showValue ? abbreviated(value) : null,
                    "is not a date (yyyy-mm-dd or dd/mm/yyyy)"));
            return null;
        }
    }

    void problem(String column, String reason) {
        problems.add(RowProblem.of(row, column, reason));
    }

    private static String abbreviated(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
