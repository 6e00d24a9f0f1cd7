package org.mashhub.adapters;

import java.util.List;
import org.mashhub.schemas.Problem;

/**
 * A partner message the hub will not accept, with every problem found in it.
 *
 * <p>{@link Kind#MALFORMED}: the bytes are not a document of the expected format at all (not UTF-8, not
 * JSON, duplicate keys, too deep); {@link Kind#INVALID}: a well-formed document that breaks the contract.
 */
public class InvalidMessageException extends RuntimeException {

    public enum Kind { MALFORMED, INVALID }

    private final Kind kind;
    private final List<Problem> problems;

    public InvalidMessageException(Kind kind, List<Problem> problems) {
        super(kind + ": " + problems.size() + " problem(s)");
        this.kind = kind;
        this.problems = List.copyOf(problems);
    }

    public static InvalidMessageException malformed(String detail) {
        return new InvalidMessageException(Kind.MALFORMED, List.of(Problem.at("", detail)));
    }

    public Kind kind() {
        return kind;
    }

    public List<Problem> problems() {
        return problems;
    }
}
