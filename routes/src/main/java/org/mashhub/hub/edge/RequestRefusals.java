package org.mashhub.hub.edge;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Why a staff or partner API refuses a request, thrown by the feature that finds it and answered as problem details by
 * the API's own handlers: 422 with every problem at its field, 404, 403, 409.
 */
public final class RequestRefusals {

    private RequestRefusals() {
    }

    /** One problem: the JSON pointer of the field it concerns, and what is wrong with it. */
    public static Map<String, String> problem(String pointer, String detail) {
        return Map.of("pointer", pointer, "detail", detail);
    }

    /** Something about the request is wrong (422): each problem with the field it concerns. */
    public static class Problems extends RuntimeException {
        private final transient List<Map<String, String>> problems;

        public Problems(List<Map<String, String>> problems) {
            super(problems.stream().map(p -> p.get("detail")).collect(Collectors.joining(" ")));
            this.problems = List.copyOf(problems);
        }

        public List<Map<String, String>> problems() {
            return problems;
        }
    }

    /** What the request names is not there, or not there for this caller (404). */
    public static class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The caller may not do this to it (403). */
    public static class NotAllowed extends RuntimeException {
        public NotAllowed(String message) {
            super(message);
        }
    }

    /** It is not in a state for this (409): done already, otherwise. */
    public static class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }
}
