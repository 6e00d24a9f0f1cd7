package org.mashhub.adapters.schools;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** A school file's error report: {@code row,field,value,reason}, one line per problem, every cell spreadsheet-safe. */
public final class ErrorReport {

    public static final String[] HEADER = {"row", "field", "value", "reason"};

    private ErrorReport() {
    }

    public static String csv(List<RowProblem> problems) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            for (RowProblem p : problems) {
                printer.printRecord(Long.toString(p.row()), SpreadsheetSafe.cell(p.field()),
                        SpreadsheetSafe.cell(p.value()), SpreadsheetSafe.cell(p.reason()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
