package org.mashhub.hub.partner;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates partner requests by {@code Authorization: Bearer <api-key>}. A request without a valid
 * key goes on unauthenticated and the security chain answers 401 (or 429 for a source refused for its failures);
 * the attributes say which it was, and which partner the key claimed to be.
 */
public class PartnerKeyFilter extends OncePerRequestFilter {

    /** Request attribute: why there is no partner ("missing-key" or "invalid-key"). */
    public static final String FAILURE_ATTRIBUTE = PartnerKeyFilter.class.getName() + ".failure";
    /** Request attribute: the partner id a failing key names, if it names one. */
    public static final String CLAIMED_ATTRIBUTE = PartnerKeyFilter.class.getName() + ".claimed";

    private final PartnerRegistry registry;
    private final Predicate<HttpServletRequest> limited;

    /** @param limited whether a request's source has failed so often that its key is not looked at */
    public PartnerKeyFilter(PartnerRegistry registry, Predicate<HttpServletRequest> limited) {
        this.registry = registry;
        this.limited = limited;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        // A source refused for its failures still gets in with a valid key (a real partner may share its address),
        // but none of its keys costs a slow hash, and a wrong one is answered 429.
        boolean limited = this.limited.test(request);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            request.setAttribute(FAILURE_ATTRIBUTE, limited ? "too-many-failed-keys" : "missing-key");
        } else {
            String key = header.substring(7).strip();
            Optional<Partner> partner = registry.authenticate(key, !limited);
            if (partner.isPresent()) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(new PartnerAuthentication(partner.get()));
                SecurityContextHolder.setContext(context);
            } else {
                request.setAttribute(FAILURE_ATTRIBUTE, limited ? "too-many-failed-keys" : "invalid-key");
                PartnerKeys.partnerIdOf(key).filter(id -> registry.byId(id).isPresent())
                        .ifPresent(id -> request.setAttribute(CLAIMED_ATTRIBUTE, id));
            }
        }
        chain.doFilter(request, response);
    }
}
