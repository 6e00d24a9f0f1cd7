package org.mashhub.adapters.schools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a reader handed on, kept for a test to look at. */
final class CollectedRows<T> implements RowHandler<T> {

    final Map<Long, T> accepted = new LinkedHashMap<>();
    final List<RowProblem> problems = new ArrayList<>();

    @Override
    public void accept(long row, T value) {
        accepted.put(row, value);
    }

    @Override
    public void reject(long row, List<RowProblem> rowProblems) {
        problems.addAll(rowProblems);
    }

    List<String> problemFields(long row) {
        return problems.stream().filter(p -> p.row() == row).map(RowProblem::field).toList();
    }
}
