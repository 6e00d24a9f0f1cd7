package org.mashhub.hub.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Requests to the partner interfaces without a valid key: limited per source address, audited in batches.
 *
 * <p>A source that has sent {@code hub.security.failed-keys-per-minute} requests with a missing or wrong key within a
 * minute gets 429 rather than 401 for the rest of that minute, and none of its keys costs a slow hash; a valid key
 * still gets in (a real partner may share the address). The refusals are counted, and every ten
 * seconds each source, reason and claimed partner becomes one audit entry with its count: a flood of made-up keys is
 * a few entries, not a row each (which would make the audit the flood's target).
 */
@Component
public class FailedPartnerKeys {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perMinute;
    private final AuditTrail audit;
    private final Cache<String, AtomicInteger> failuresBySource = Caffeine.newBuilder()
            .expireAfterWrite(WINDOW)
            .maximumSize(100_000)
            .build();
    private final Map<Failure, Count> unaudited = new ConcurrentHashMap<>();

    /** What one audit entry counts. */
    private record Failure(String source, String reason, String claimedPartner, String path) {
    }

    /** How many, and the first one's correlation id (the entry's, to find one request's refusal by). */
    private record Count(String firstCorrelationId, LongAdder count) {
    }

    FailedPartnerKeys(@Value("${hub.security.failed-keys-per-minute:20}") int perMinute, AuditTrail audit) {
        this.perMinute = perMinute;
        this.audit = audit;
    }

    /** Whether this source has failed so often that its requests are refused unchecked. */
    boolean limited(String source) {
        AtomicInteger failures = failuresBySource.getIfPresent(source);
        return failures != null && failures.get() >= perMinute;
    }

    /**
     * @param reason         missing-key, invalid-key or too-many-failed-keys
     * @param claimedPartner the partner the key names ({@code mhk_<id>_...}), if it names one
     */
    void failed(String source, String reason, String claimedPartner, String path, String correlationId) {
        if (!"too-many-failed-keys".equals(reason)) {
            failuresBySource.get(source, s -> new AtomicInteger()).incrementAndGet();
        }
        unaudited.computeIfAbsent(new Failure(source, reason, claimedPartner, interfaceOf(path)),
                f -> new Count(correlationId, new LongAdder())).count().increment();
    }

    /** Each source, reason and claimed partner counted since the last time becomes one entry. */
    @Scheduled(fixedDelay = 10_000, initialDelay = 10_000)
    public void auditBatch() {
        List<AuditRecord> records = unaudited.keySet().stream().map(failure -> {
            Count counted = unaudited.remove(failure);
            long count = counted.count().sum();
            return AuditRecord.of(AuditAction.AUTHENTICATION_FAILED)
                    .actor("anonymous@" + failure.source())
                    .correlationId(counted.firstCorrelationId())
                    .partnerId(failure.claimedPartner())
                    .detail((failure.reason().equals("too-many-failed-keys") ? "status=429 " : "status=401 ") + failure.reason()
                            + " count=" + count + " interface=" + failure.path());
        }).toList();
        audit.append(records);
    }

    /** The interface, not the full path: a flood with random paths stays a few entries. */
    private static String interfaceOf(String path) {
        for (String prefix : new String[] {"/api/v1/housing", "/api/v1/schools", "/api/v1/partner", "/fhir", "/services"}) {
            if (path != null && path.startsWith(prefix)) {
                return prefix;
            }
        }
        return "other";
    }
}
