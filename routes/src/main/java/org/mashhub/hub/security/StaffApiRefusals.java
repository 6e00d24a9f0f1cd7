package org.mashhub.hub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.mashhub.hub.edge.CorrelationIdFilter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Refusals of the staff APIs written before any controller runs (not signed in, a wrong password, a role that may not),
 * as problem details, as every other answer of the hub's APIs; the pages keep the browser's sign-in and error page.
 */
final class StaffApiRefusals {

    static final String SIGN_IN = "Sign in as a member of staff (HTTP Basic, or the council's sign-in).";

    private final ObjectMapper mapper;

    StaffApiRefusals(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void notSignedIn(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Not signed in", detail);
    }

    void forbidden(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, "forbidden", "Not allowed for your role", "Your roles do not include one this needs.");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type, String title,
                       String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://mash-hub.example/problems/" + type));
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("correlationId", CorrelationIdFilter.of(request));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), problem);
    }
}
