package org.mashhub.hub.view;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;

/**
 * The MASH view's refusals as pages in the service's own style (templates/error/{status}.html), never the API's
 * problem+json: a person in a browser asked for a child the hub does not know, not a program.
 */
@ControllerAdvice(basePackageClasses = MashErrorPages.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class MashErrorPages {

    @ExceptionHandler(ResponseStatusException.class)
    String statusPage(ResponseStatusException e, HttpServletResponse response) {
        int status = e.getStatusCode().value();
        response.setStatus(status);
        return status == 403 || status == 404 ? "error/" + status : "error"; // templates/error.html: anything else
    }
}
