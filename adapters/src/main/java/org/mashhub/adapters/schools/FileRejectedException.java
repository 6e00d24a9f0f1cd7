package org.mashhub.adapters.schools;

import java.util.List;

/**
 * A school file that cannot be read as a whole: not UTF-8, an unknown format, a header the hub does not
 * know, XML that is not well-formed or breaks the header's contract. No row of it was taken.
 */
public class FileRejectedException extends RuntimeException {

    private final List<RowProblem> problems;

    public FileRejectedException(List<RowProblem> problems) {
        super("school file refused: " + problems.size() + " problem(s)");
        this.problems = List.copyOf(problems);
    }

    public static FileRejectedException of(long row, String field, String reason) {
        return new FileRejectedException(List.of(RowProblem.of(row, field, reason)));
    }

    public List<RowProblem> problems() {
        return problems;
    }
}
