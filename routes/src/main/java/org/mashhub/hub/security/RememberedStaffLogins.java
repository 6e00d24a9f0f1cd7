package org.mashhub.hub.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Staff passwords are stored as slow hashes (bcrypt, tens of milliseconds to check). A tool calling the
 * staff APIs with HTTP Basic sends the password with every request; a successful check is remembered for
 * a few minutes under the SHA-256 of the user name and password (in memory only), as partner keys are,
 * so such a client does not pay the hash on every call. Failures are never remembered: they are audited and counted
 * towards a lock-out ({@link StaffSignIns}).
 */
class RememberedStaffLogins implements AuthenticationProvider {

    private static final Duration REMEMBER_FOR = Duration.ofMinutes(5);

    private final AuthenticationProvider checker;
    private final StaffSignIns signIns;
    private final Cache<String, Authentication> remembered = Caffeine.newBuilder()
            .maximumSize(1000)
            .expireAfterWrite(REMEMBER_FOR)
            .build();

    RememberedStaffLogins(AuthenticationProvider checker, StaffSignIns signIns) {
        this.checker = checker;
        this.signIns = signIns;
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        if (attempt.getCredentials() == null) {
            return checker.authenticate(attempt);
        }
        // A locked account or source waits, even with a password remembered from before the lock.
        String source = attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : "unknown";
        signIns.checkNotLocked(attempt.getName(), source);
        String key = sha256(attempt.getName() + '\u0000' + attempt.getCredentials());
        Authentication known = remembered.getIfPresent(key);
        if (known != null) {
            return known;
        }
        Authentication checked;
        try {
            checked = checker.authenticate(attempt);
        } catch (AuthenticationException e) {
            signIns.failed(attempt.getName(), source, e instanceof BadCredentialsException ? "bad-credentials"
                    : e.getClass().getSimpleName());
            throw e;
        }
        if (checked != null && checked.isAuthenticated()) {
            signIns.succeeded(attempt.getName());
            remembered.put(key, checked);
        }
        return checked;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
