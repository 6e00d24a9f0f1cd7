package org.mashhub.hub.ingest;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.mashhub.schemas.Problem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The answers a partner gets when its message is not accepted: RFC 9457 problem details, each of a
 * type a partner's developers can look up, listing every problem with a JSON pointer where there is one.
 */
public final class PartnerProblems {

    public static final String TYPE_BASE = "https://mash-hub.example/problems/";

    private PartnerProblems() {
    }

    public static ProblemDetail malformed(List<Problem> problems, String correlationId) {
        return withErrors(problem(HttpStatus.BAD_REQUEST, "malformed-message", "The message could not be read",
                "The body is not a well-formed document of the expected format.", correlationId), problems);
    }

    public static ProblemDetail invalid(List<Problem> problems, String correlationId) {
        return withErrors(problem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-message", "The message breaks its contract",
                problems.size() + " problem(s) found; nothing was accepted.", correlationId), problems);
    }

    public static ProblemDetail unauthenticated(String detail, String correlationId) {
        return problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "No valid partner key", detail, correlationId);
    }

    public static ProblemDetail tooManyFailedKeys(long retryAfterSeconds, String correlationId) {
        return problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-failed-keys", "Too many requests with keys that are not valid",
                "Requests from this address are not checked for " + retryAfterSeconds + " seconds.", correlationId);
    }

    public static ProblemDetail forbidden(String detail, String correlationId) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "Not allowed for this partner", detail, correlationId);
    }

    public static ProblemDetail messageIdReused(String partnerMessageId, String correlationId) {
        return problem(HttpStatus.CONFLICT, "message-id-reused", "Message id already used",
                "Message id '" + partnerMessageId + "' was accepted before with different content. Send a new id for a new message.",
                correlationId);
    }

    public static ProblemDetail rejectedAtEdge(HttpStatus status, String detail, String correlationId) {
        String type = status == HttpStatus.PAYLOAD_TOO_LARGE ? "message-too-large" : "unsupported-media-type";
        return problem(status, type, status.getReasonPhrase(), detail, correlationId);
    }

    public static ProblemDetail methodNotAllowed(String detail, String correlationId) {
        return problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed", detail, correlationId);
    }

    public static ProblemDetail unavailable(int retryAfterSeconds, String correlationId) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Not accepted: the hub cannot store messages right now",
                "Nothing was accepted. Send the same message again after " + retryAfterSeconds + " seconds.", correlationId);
    }

    public static ProblemDetail busy(int retryAfterSeconds, String correlationId) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Not accepted: the hub is busy, starting or stopping",
                "Nothing was read or accepted. Send the same message again after " + retryAfterSeconds + " seconds.", correlationId);
    }

    public static ProblemDetail internal(String correlationId) {
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Not accepted: the hub failed",
                "Nothing was accepted. The failure is logged under the correlation id.", correlationId);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail, String correlationId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        problem.setProperty("correlationId", correlationId);
        return problem;
    }

    private static ProblemDetail withErrors(ProblemDetail problem, List<Problem> problems) {
        problem.setProperty("errors", problems.stream()
                .map(p -> Map.of("pointer", p.pointer(), "detail", p.detail()))
                .toList());
        return problem;
    }
}
