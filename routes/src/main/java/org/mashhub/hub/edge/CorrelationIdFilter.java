package org.mashhub.hub.edge;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Gives every HTTP request a correlation id before security runs, so refusals are logged and audited with one too. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CorrelationIdFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = CorrelationId.acceptOrCreate(request.getHeader(CorrelationId.HTTP_HEADER));
        request.setAttribute(CorrelationId.REQUEST_ATTRIBUTE, id);
        response.setHeader(CorrelationId.HTTP_HEADER, id);
        MDC.put(CorrelationId.MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(CorrelationId.MDC_KEY);
        }
    }

    /** The request's correlation id (set by this filter). */
    public static String of(HttpServletRequest request) {
        Object id = request.getAttribute(CorrelationId.REQUEST_ATTRIBUTE);
        return id != null ? id.toString() : CorrelationId.acceptOrCreate(null);
    }
}
