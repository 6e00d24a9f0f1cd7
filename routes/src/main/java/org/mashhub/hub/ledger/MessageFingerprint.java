package org.mashhub.hub.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.mashhub.schemas.CanonicalJson;

/**
 * What makes two partner messages with one id the same message: the SHA-256 of the parsed content,
 * without the fields a partner's retry may legitimately change (its send time). Whitespace and key
 * order do not count; any change of substance does.
 */
public final class MessageFingerprint {

    private MessageFingerprint() {
    }

    public static String of(Object parsedContent) {
        try {
            return sha256(CanonicalJson.mapper().writeValueAsBytes(parsedContent));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For content that has its own canonical encoding (a FHIR resource re-encoded by HAPI). */
    public static String ofEncoded(String canonicalEncoding) {
        return sha256(canonicalEncoding.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
