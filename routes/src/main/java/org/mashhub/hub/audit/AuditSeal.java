package org.mashhub.hub.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The audit's secret ({@code hub.audit.key} or {@code hub.audit.key-file}), held outside the database: each entry's
 * hash is an HMAC-SHA256 under it, and each checkpoint is signed with it. Someone who can write to the database but
 * does not hold the key cannot make an edited entry, or a chain recomputed after one, verify.
 */
public final class AuditSeal {

    /** The shortest key taken: 256 bits of a random string's worth. */
    static final int MIN_KEY_LENGTH = 32;

    private final SecretKeySpec key;

    AuditSeal(String key) {
        if (key == null || key.strip().length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException("hub.audit.key (or hub.audit.key-file) must hold at least " + MIN_KEY_LENGTH
                    + " characters: the audit's secret, kept outside the database");
        }
        this.key = new SecretKeySpec(key.strip().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public static AuditSeal of(AuditProperties properties) {
        if (properties.keyFile() != null) {
            try {
                return new AuditSeal(Files.readString(properties.keyFile()));
            } catch (IOException e) {
                throw new UncheckedIOException("hub.audit.key-file cannot be read: " + properties.keyFile(), e);
            }
        }
        return new AuditSeal(properties.key());
    }

    /** An entry's hash: the HMAC of the previous hash and the entry's fields. */
    String entryHash(long seq, Instant recordedAt, AuditRecord record, String prevHash) {
        Mac mac = mac();
        mac.update(prevHash.getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(mac.doFinal(AuditEntry.canonical(seq, recordedAt, record)));
    }

    /** Whether an entry's stored hash is its keyed hash. */
    boolean sealed(AuditEntry entry) {
        return MessageDigest.isEqual(entryHash(entry.seq(), entry.recordedAt(), entry.record(), entry.prevHash())
                .getBytes(StandardCharsets.US_ASCII), entry.entryHash().getBytes(StandardCharsets.US_ASCII));
    }

    String sign(String text) {
        return HexFormat.of().formatHex(mac().doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
