package org.mashhub.hub.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.mashhub.schemas.CanonicalJson;

/** An entry in its place in the chain. */
public record AuditEntry(long seq, Instant recordedAt, AuditRecord record, String prevHash, String entryHash) {

    public static final String GENESIS_HASH = "0".repeat(64);

    /**
     * The SHA-256 of the previous hash and this entry's fields: how entries were chained before the audit had a key
     * ({@link AuditSeal} now). The fields are hashed as a JSON array so
     * that no choice of field contents can make two different entries hash alike.
     */
    public static String hash(long seq, Instant recordedAt, AuditRecord r, String prevHash) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            sha256.update(canonical(seq, recordedAt, r));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] canonical(long seq, Instant recordedAt, AuditRecord r) {
        try {
            return CanonicalJson.mapper().writeValueAsBytes(Arrays.asList(
                    Long.toString(seq), recordedAt.toString(), r.action().name(), r.actor(), r.correlationId(),
                    r.partnerId(), r.hubMessageId(), r.eventId(), r.hubChildId(), r.detail()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the stored hash is the unkeyed SHA-256 of an entry chained before the audit had a key. */
    public boolean hashMatches() {
        return hash(seq, recordedAt, record, prevHash).equals(entryHash);
    }
}
