package org.mashhub.hub.view;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every MASH page's frame needs: the path, for the menu's {@code aria-current}; how long the session lasts
 * without a request, for the warning before it ends; and the request that keeps it going when the person asks.
 */
@Controller
@ControllerAdvice(basePackageClasses = PageContext.class)
class PageContext {

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** Seconds the session lasts without a request; none when the page is not signed in. */
    @ModelAttribute("sessionSeconds")
    Integer sessionSeconds(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : session.getMaxInactiveInterval();
    }

    /** "Stay signed in" in the timeout warning: any request keeps the session; this one does nothing else. */
    @GetMapping("/mash/session")
    ResponseEntity<Void> keepSignedIn() {
        return ResponseEntity.noContent().build();
    }
}
