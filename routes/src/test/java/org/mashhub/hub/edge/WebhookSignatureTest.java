package org.mashhub.hub.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Standard Webhooks signature: the specification's own example, rotation, and what a receiver refuses. */
class WebhookSignatureTest {

    private static final byte[] BODY = "{\"eventId\":\"e-1\"}".getBytes(StandardCharsets.UTF_8);
    private static final WebhookSignature.Secret OLD = WebhookSignature.Secret.parse(WebhookSignature.Secret.generate());
    private static final WebhookSignature.Secret NEW = WebhookSignature.Secret.parse(WebhookSignature.Secret.generate());
    private static final Instant NOW = Instant.ofEpochSecond(1_780_000_000L);

    /** The example the specification's reference libraries test against (standard-webhooks, libraries' test suites). */
    @Test
    void signsTheSpecificationsExampleAsItsLibrariesDo() {
        WebhookSignature.Secret secret = WebhookSignature.Secret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        byte[] payload = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSignature.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, payload, List.of(secret)))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aRotationSignsWithEachSecretSoEitherSideMayHoldEither() {
        String signatures = WebhookSignature.sign("e-1", NOW.getEpochSecond(), BODY, List.of(OLD, NEW));

        assertThat(signatures.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        assertThat(WebhookSignature.verify("e-1", "" + NOW.getEpochSecond(), signatures, BODY, List.of(OLD), NOW)).isTrue();
        assertThat(WebhookSignature.verify("e-1", "" + NOW.getEpochSecond(), signatures, BODY, List.of(NEW), NOW)).isTrue();
    }

    @Test
    void aReceiverRefusesAnotherSecretAnotherBodyIdOrTimeAndAStaleOrMissingTimestamp() {
        long at = NOW.getEpochSecond();
        String signatures = WebhookSignature.sign("e-1", at, BODY, List.of(NEW));
        List<WebhookSignature.Secret> known = List.of(NEW);

        assertThat(WebhookSignature.verify("e-1", "" + at, signatures, BODY, List.of(OLD), NOW)).as("another secret").isFalse();
        assertThat(WebhookSignature.verify("e-1", "" + at, signatures, "{}".getBytes(StandardCharsets.UTF_8), known, NOW))
                .as("another body").isFalse();
        assertThat(WebhookSignature.verify("e-2", "" + at, signatures, BODY, known, NOW)).as("another id").isFalse();
        assertThat(WebhookSignature.verify("e-1", "" + (at + 1), signatures, BODY, known, NOW)).as("another time").isFalse();
        String stale = WebhookSignature.sign("e-1", at - 301, BODY, known);
        assertThat(WebhookSignature.verify("e-1", "" + (at - 301), stale, BODY, known, NOW)).as("replayed after 5 min").isFalse();
        assertThat(WebhookSignature.verify("e-1", null, signatures, BODY, known, NOW)).as("no timestamp").isFalse();
        assertThat(WebhookSignature.verify("e-1", "" + at, "v2," + signatures.substring(3), BODY, known, NOW))
                .as("another scheme").isFalse();
    }

    @Test
    void aSecretIsWhsecAndBase64OfTwentyFourToSixtyFourBytes() {
        assertThatThrownBy(() -> WebhookSignature.Secret.parse("demo-case-system-signing-secret")).hasMessageContaining("whsec_");
        assertThatThrownBy(() -> WebhookSignature.Secret.parse("whsec_not base64!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> WebhookSignature.Secret.parse("whsec_c2hvcnQ=")).hasMessageContaining("24 to 64");
        assertThat(WebhookSignature.Secret.parse(WebhookSignature.Secret.generate()).key()).hasSize(32);
    }
}
