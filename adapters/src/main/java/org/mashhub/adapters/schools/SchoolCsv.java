package org.mashhub.adapters.schools;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads a school CSV file row by row, never holding more than one row: UTF-8 (a byte-order mark is
 * skipped), RFC 4180, a header row whose columns must all be known and include the required ones.
 * Row numbers are as a spreadsheet shows them: the header is row 1.
 */
final class SchoolCsv {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreHeaderCase(true)
            .setIgnoreSurroundingSpaces(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .setAllowMissingColumnNames(false)
            .get();

    private SchoolCsv() {
    }

    /**
     * @param required columns that must be present
     * @param optional columns that may be
     * @throws FileRejectedException when the header is unusable (nothing was read)
     */
    static void read(InputStream in, Set<String> required, Set<String> optional, Consumer<CsvRow> rows) {
        try (CSVParser parser = CSVParser.builder().setReader(utf8(in)).setFormat(FORMAT).get()) {
            checkHeader(parser.getHeaderNames(), required, optional);
            int columns = parser.getHeaderNames().size();
            for (CSVRecord record : parser) {
                rows.accept(new CsvRow(record, record.getRecordNumber() + 1, columns));
            }
        } catch (IllegalArgumentException e) {
            // Commons CSV's own refusal of the header (duplicate or empty column names).
            throw FileRejectedException.of(1, "", "the header row is not usable: " + e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            throw FileRejectedException.of(0, "", "the file could not be read as UTF-8 CSV");
        }
    }

    private static void checkHeader(List<String> header, Set<String> required, Set<String> optional) {
        List<RowProblem> problems = new ArrayList<>();
        List<String> names = header.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        for (String name : names) {
            if (!required.contains(name) && !optional.contains(name)) {
                problems.add(RowProblem.withValue(1, name, name, "unknown column"));
            }
        }
        for (String name : required) {
            if (!names.contains(name)) {
                problems.add(RowProblem.of(1, name, "required column missing"));
            }
        }
        if (!problems.isEmpty()) {
            throw new FileRejectedException(problems);
        }
    }

    private static Reader utf8(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(3);
        byte[] bom = buffered.readNBytes(3);
        if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
            buffered.reset();
        }
        return new InputStreamReader(buffered, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }
}
