package org.mashhub.hub.partner;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates partner requests by {@code Authorization: Bearer <api-key>}. A request without a valid
 * key goes on unauthenticated and the security chain answers 401; the attribute says which it was.
 */
public class PartnerKeyFilter extends OncePerRequestFilter {

    /** Request attribute: why there is no partner ("missing-key" or "invalid-key"). */
    public static final String FAILURE_ATTRIBUTE = PartnerKeyFilter.class.getName() + ".failure";

    private final PartnerRegistry registry;

    public PartnerKeyFilter(PartnerRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            request.setAttribute(FAILURE_ATTRIBUTE, "missing-key");
        } else {
            Optional<Partner> partner = registry.authenticate(header.substring(7).strip());
            if (partner.isPresent()) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(new PartnerAuthentication(partner.get()));
                SecurityContextHolder.setContext(context);
            } else {
                request.setAttribute(FAILURE_ATTRIBUTE, "invalid-key");
            }
        }
        chain.doFilter(request, response);
    }
}
