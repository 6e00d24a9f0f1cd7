package org.mashhub.hub.edge;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/** A date as people type it into the hub's pages and queries: the UK way, or ISO. */
public final class TypedDates {

    private static final DateTimeFormatter UK = DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-M-d").withResolverStyle(ResolverStyle.STRICT);

    private TypedDates() {
    }

    /** 19/04/2015, 19/4/2015, 19-04-2015, 19.04.2015 or 2015-04-19; null when it is not a real date. */
    public static LocalDate parse(String typed) {
        if (typed == null) {
            return null;
        }
        String date = typed.strip().replaceAll("\\s+", "");
        try {
            return date.matches("\\d{4}-\\d{1,2}-\\d{1,2}") ? LocalDate.parse(date, ISO)
                    : LocalDate.parse(date.replace('-', '/').replace('.', '/'), UK);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
