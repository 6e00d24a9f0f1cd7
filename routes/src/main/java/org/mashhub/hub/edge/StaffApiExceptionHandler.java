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
 * The staff and operations APIs' errors as {@code application/problem+json}: too long a text as 422; anything
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
