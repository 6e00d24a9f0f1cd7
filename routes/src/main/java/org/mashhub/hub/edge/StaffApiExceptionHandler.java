package org.mashhub.hub.edge;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The staff and operations APIs' errors as {@code application/problem+json}: the {@link RequestRefusals} (every problem
 * listed as 422, not found 404, not allowed 403, a conflict 409); too long a text as 422; anything
 * unexpected as 500 with the correlation id, logged by type and place only (an exception's message can quote the
 * request, names and all). Spring's own (a body that cannot be read, a parameter of the wrong type) are answered before
 * this, by Spring Boot's problem-details handler (order 0); the partner interfaces have their own, in their own terms.
 */
@Order(Ordered.LOWEST_PRECEDENCE)
@RestControllerAdvice(basePackages = {"org.mashhub.hub.audit", "org.mashhub.hub.delivery", "org.mashhub.hub.identity",
        "org.mashhub.hub.sharing", "org.mashhub.hub.partner", "org.mashhub.hub.casesystem", "org.mashhub.hub.triage",
        "org.mashhub.hub.outbound", "org.mashhub.hub.enquiries"})
class StaffApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(StaffApiExceptionHandler.class);

    /** Every problem with the request, each with the field it concerns (422); nothing of it was kept. */
    @ExceptionHandler(RequestRefusals.Problems.class)
    ProblemDetail problems(RequestRefusals.Problems e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-request", e.problems().size()
                + " problem(s) found; nothing was changed.", request);
        problem.setProperty("errors", e.problems());
        return problem;
    }

    @ExceptionHandler(RequestRefusals.NotFound.class)
    ProblemDetail notFound(RequestRefusals.NotFound e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage(), request);
    }

    @ExceptionHandler(RequestRefusals.NotAllowed.class)
    ProblemDetail notAllowed(RequestRefusals.NotAllowed e, HttpServletRequest request) {
        return problem(HttpStatus.FORBIDDEN, "not-allowed", e.getMessage(), request);
    }

    @ExceptionHandler(RequestRefusals.Conflict.class)
    ProblemDetail conflict(RequestRefusals.Conflict e, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, "conflict", e.getMessage(), request);
    }

    @ExceptionHandler(FreeText.TooLong.class)
    ProblemDetail tooLong(FreeText.TooLong e, HttpServletRequest request) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "text-too-long", e.getMessage(), request);
    }

    /** A body too large or of the wrong type, refused as it was read. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException e, HttpServletRequest request) {
        return ResponseEntity.status(e.status()).body(problem(e.status(), "rejected", e.getMessage(), request));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("Staff request failed: {} at {}", e.getClass().getName(), e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
        return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal",
                "The hub failed; nothing was changed. The failure is logged under the correlation id.", request));
    }

    private static ProblemDetail problem(HttpStatus status, String type, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://mash-hub.example/problems/" + type));
        problem.setProperty("correlationId", CorrelationIdFilter.of(request));
        return problem;
    }
}
