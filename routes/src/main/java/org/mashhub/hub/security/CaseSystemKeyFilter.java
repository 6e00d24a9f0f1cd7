package org.mashhub.hub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.mashhub.hub.partner.PartnerKeys;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The case system's own key on what it reports back ({@code /api/v1/case-system/**}): {@code Authorization: Bearer}
 * checked against {@code hub.case-system.inbound-key-hash}, stored as partner keys are ({@code {hmac-sha256}} under the
 * pepper, a slow hash, or {@code {noop}} in the demo and the tests). No key set: nothing gets in.
 */
final class CaseSystemKeyFilter extends OncePerRequestFilter {

    /** The authority the case system's requests carry. */
    static final String AUTHORITY = "CASE_SYSTEM";

    private final String keyHash;
    private final PartnerKeys keys;
    private final PasswordEncoder slowHashes = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    CaseSystemKeyFilter(String keyHash, PartnerKeys keys) {
        this.keyHash = keyHash == null ? "" : keyHash;
        this.keys = keys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && matches(header.substring(7).trim())) {
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("case-system", null,
                    List.of(new SimpleGrantedAuthority(AUTHORITY))));
        }
        chain.doFilter(request, response);
    }

    private boolean matches(String key) {
        if (keyHash.isBlank() || key.isEmpty() || key.length() > 512) {
            return false;
        }
        if (keyHash.startsWith(PartnerKeys.HMAC)) {
            return keys.hasPepper() && same(keys.hash(key), keyHash);
        }
        if (keyHash.startsWith("{noop}")) {
            return same(keyHash.substring("{noop}".length()), key);
        }
        return slowHashes.matches(key, keyHash);
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
