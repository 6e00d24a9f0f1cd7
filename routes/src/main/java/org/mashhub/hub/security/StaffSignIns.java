package org.mashhub.hub.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.LockedException;
import org.springframework.stereotype.Component;

/**
 * Failed staff sign-ins: each audited, and an account or a source address locked out after too many.
 *
 * <p>An account that failed {@code hub.security.sign-in.max-failures-per-account} times (5) within the lock-out
 * period ({@code hub.security.sign-in.lockout}, 15 minutes), or a source that failed
 * {@code max-failures-per-source} times (20) with any names, is refused without its password being checked until the
 * period has passed since its latest failure; the lock-out itself is audited once, the refusals while locked are not
 * (each would be an entry an attacker could write at will). A successful sign-in clears its account's count.
 */
@Component
class StaffSignIns {

    private final int perAccount;
    private final int perSource;
    private final AuditTrail audit;
    private final Cache<String, Integer> failedAccounts;
    private final Cache<String, Integer> failedSources;

    StaffSignIns(@Value("${hub.security.sign-in.max-failures-per-account:5}") int perAccount,
                 @Value("${hub.security.sign-in.max-failures-per-source:20}") int perSource,
                 @Value("${hub.security.sign-in.lockout:15m}") Duration lockout, AuditTrail audit) {
        this.perAccount = perAccount;
        this.perSource = perSource;
        this.audit = audit;
        this.failedAccounts = Caffeine.newBuilder().expireAfterWrite(lockout).maximumSize(100_000).build();
        this.failedSources = Caffeine.newBuilder().expireAfterWrite(lockout).maximumSize(100_000).build();
    }

    /** Refuses a sign-in of a locked account, or from a locked source, before its password is checked. */
    void checkNotLocked(String username, String source) {
        if (count(failedAccounts, key(username)) >= perAccount) {
            throw new LockedException("Too many failed sign-ins for this account: try again later.");
        }
        if (count(failedSources, source) >= perSource) {
            throw new LockedException("Too many failed sign-ins from this address: try again later.");
        }
    }

    void failed(String username, String source, String reason) {
        // merge writes the entry: the period runs from the latest failure
        int account = failedAccounts.asMap().merge(key(username), 1, Integer::sum);
        int fromSource = failedSources.asMap().merge(source, 1, Integer::sum);
        audit.appendIndependently(AuditRecord.of(AuditAction.SIGN_IN_FAILED).actor("anonymous@" + source)
                .detail("user=" + shortened(username) + " " + reason));
        if (account == perAccount || fromSource == perSource) {
            audit.appendIndependently(AuditRecord.of(AuditAction.SIGN_IN_LOCKED).actor("anonymous@" + source)
                    .detail(account == perAccount ? "account user=" + shortened(username) : "source"));
        }
    }

    void succeeded(String username) {
        failedAccounts.invalidate(key(username));
    }

    private static int count(Cache<String, Integer> counts, String key) {
        Integer count = counts.getIfPresent(key);
        return count == null ? 0 : count;
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static String shortened(String username) {
        String name = username == null ? "" : username.strip();
        return name.length() > 64 ? name.substring(0, 64) : name.replaceAll("\\s", "_");
    }
}
