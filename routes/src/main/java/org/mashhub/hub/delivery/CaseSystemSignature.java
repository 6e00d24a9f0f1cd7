package org.mashhub.hub.delivery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on every delivery: {@value #HEADER}: {@code sha256=<hex HMAC-SHA256 of the body>}, keyed
 * with the secret shared with the case system. The case system checks it to know the event came from
 * the hub unchanged.
 */
public final class CaseSystemSignature {

    public static final String HEADER = "X-Mash-Signature";
    private static final String PREFIX = "sha256=";

    private CaseSystemSignature() {
    }

    public static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time check of a signature header against the body. */
    public static boolean verify(byte[] body, String secret, String header) {
        if (header == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(body, secret).getBytes(StandardCharsets.US_ASCII),
                header.getBytes(StandardCharsets.US_ASCII));
    }
}
