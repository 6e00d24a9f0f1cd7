package org.mashhub.hub.enquiries;

import org.mashhub.hub.edge.RequestRefusals;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The enquiry APIs' refusals as problem details, every problem listed (before the staff APIs' catch-all for the unexpected). */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = {EnquiryController.class, PartnerEnquiryController.class})
class EnquiryProblems {

    @ExceptionHandler(RequestRefusals.Problems.class)
    ProblemDetail problems(RequestRefusals.Problems e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.problems().size()
                + " problem(s) found; nothing was sent or recorded.");
        problem.setProperty("errors", e.problems());
        return problem;
    }

    @ExceptionHandler(RequestRefusals.NotFound.class)
    ProblemDetail notFound(RequestRefusals.NotFound e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(RequestRefusals.Conflict.class)
    ProblemDetail conflict(RequestRefusals.Conflict e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
