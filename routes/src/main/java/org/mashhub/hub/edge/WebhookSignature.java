package org.mashhub.hub.edge;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on every delivery, as the Standard Webhooks specification has it (standardwebhooks.com), so a case
 * system checks it with an off-the-shelf library: {@value #ID} (the event id), {@value #TIMESTAMP} (Unix seconds of
 * this attempt) and {@value #SIGNATURE}: {@code v1,} and the base64 HMAC-SHA256 of {@code {id}.{timestamp}.{body}},
 * keyed with the secret's bytes. With more than one secret (a rotation under way) there is one signature per secret,
 * separated by spaces; a receiver accepts the delivery if any of them is one it can make.
 */
public final class WebhookSignature {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    /** How far a delivery's timestamp may be from the receiver's clock, as the specification's libraries allow. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private WebhookSignature() {
    }

    /** A signing secret: {@code whsec_} and the base64 of 24 to 64 random bytes. */
    public record Secret(byte[] key) {

        static final String PREFIX = "whsec_";

        public static Secret parse(String text) {
            if (text == null || !text.strip().startsWith(PREFIX)) {
                throw new IllegalArgumentException("a signing secret starts with " + PREFIX + " and goes on in base64");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(text.strip().substring(PREFIX.length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a signing secret is " + PREFIX + " and then base64: this one's rest is not base64");
            }
            if (key.length < 24 || key.length > 64) {
                throw new IllegalArgumentException("a signing secret holds 24 to 64 bytes; this one holds " + key.length);
            }
            return new Secret(key);
        }

        /** A new random secret, as an engineer would make one ({@code whsec_} and 32 bytes). */
        public static String generate() {
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            return PREFIX + Base64.getEncoder().encodeToString(key);
        }
    }

    /** The {@value #SIGNATURE} header: one {@code v1,} signature per secret, space-separated. */
    public static String sign(String id, long timestamp, byte[] body, List<Secret> secrets) {
        List<String> signatures = new ArrayList<>();
        for (Secret secret : secrets) {
            signatures.add("v1," + Base64.getEncoder().encodeToString(hmac(secret, id, timestamp, body)));
        }
        return String.join(" ", signatures);
    }

    /**
     * Whether a delivery carries a good signature by one of these secrets, at a timestamp within {@link #TOLERANCE} of
     * now: what a receiver checks (the hub's simulator, and the conformance kit's reference).
     */
    public static boolean verify(String id, String timestamp, String signatures, byte[] body, List<Secret> secrets, Instant now) {
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            return false;
        }
        for (Secret secret : secrets) {
            byte[] expected = hmac(secret, id, seconds, body);
            for (String signature : signatures.strip().split(" +")) {
                if (signature.startsWith("v1,") && MessageDigest.isEqual(expected, decode(signature.substring(3)))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] hmac(Secret secret, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
