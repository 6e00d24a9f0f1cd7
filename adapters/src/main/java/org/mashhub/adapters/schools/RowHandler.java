package org.mashhub.adapters.schools;

import java.util.List;

/** Receives a school file's rows as they are read, one at a time: each is either good or has problems. */
public interface RowHandler<T> {

    void accept(long row, T value);

    void reject(long row, List<RowProblem> problems);
}
