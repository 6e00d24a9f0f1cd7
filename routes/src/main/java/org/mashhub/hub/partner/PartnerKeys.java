package org.mashhub.hub.partner;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Partner API keys and their stored form.
 *
 * <p>A key is {@code mhk_<partner id>_<43 random characters>}: 256 random bits, so it needs no slow hash against
 * guessing, and the id says whose key a failing request claims to hold (for the audit and the engineer on call). It
 * is stored as {@code {hmac-sha256}<hex>}: HMAC-SHA256 of the key under the pepper ({@code hub.partner-key-pepper}),
 * a secret held outside the settings where the hashes live. Checking a key is one HMAC and a map lookup, microseconds
 * whether the key is real or made up, so a flood of made-up keys cannot crowd out a real partner.
 */
public final class PartnerKeys {

    public static final String HMAC = "{hmac-sha256}";
    /** The stored forms the hub reads: {@code {id}value}, the id of a hash as Spring Security writes it. */
    public static final String HASH_FORM = "\\{[a-z0-9-]+\\}.+";
    private static final String PREFIX = "mhk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec pepper;

    /** @param pepper the server-side secret; null when none is set (then only other hash forms can be checked) */
    public PartnerKeys(String pepper) {
        this.pepper = pepper == null || pepper.isBlank() ? null
                : new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public boolean hasPepper() {
        return pepper != null;
    }

    /** A new key for a partner. */
    public static String newKey(String partnerId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return PREFIX + partnerId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The partner id a key names, if it has the hub's form (keys made before have none). */
    public static Optional<String> partnerIdOf(String key) {
        if (key == null || !key.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int end = key.indexOf('_', PREFIX.length());
        return end <= PREFIX.length() ? Optional.empty() : Optional.of(key.substring(PREFIX.length(), end));
    }

    /** The stored form of a key: {@code {hmac-sha256}} and the hex HMAC under the pepper. */
    public String hash(String key) {
        return HMAC + hmacHex(key);
    }

    /** The hex HMAC of a key under the pepper (what follows {@code {hmac-sha256}} in its stored form). */
    String hmacHex(String key) {
        if (pepper == null) {
            throw new IllegalStateException("hub.partner-key-pepper is not set");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pepper);
            return HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
