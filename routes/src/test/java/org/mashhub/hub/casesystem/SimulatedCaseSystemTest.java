package org.mashhub.hub.casesystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.edge.WebhookSignature;

/** The simulator keeps the case system's side of the contract: signed and fresh, once per event. */
class SimulatedCaseSystemTest {

    private static final WebhookSignature.Secret SECRET = WebhookSignature.Secret.parse(WebhookSignature.Secret.generate());
    private static final byte[] BODY = "{\"eventId\":\"e-1\",\"eventType\":\"ReferralEvent\"}".getBytes(StandardCharsets.UTF_8);

    private final SimulatedCaseSystem caseSystem = new SimulatedCaseSystem(List.of(SECRET));

    private static Map<String, String> signed(String id, long timestamp, WebhookSignature.Secret secret) {
        return Map.of(WebhookSignature.ID, id, WebhookSignature.TIMESTAMP, Long.toString(timestamp), "Idempotency-Key", id,
                WebhookSignature.SIGNATURE, WebhookSignature.sign(id, timestamp, BODY, List.of(secret)));
    }

    @Test
    void takesASignedEventOnceAndAnswersARepeatWith409() {
        long now = Instant.now().getEpochSecond();

        assertThat(caseSystem.receive(signed("e-1", now, SECRET)::get, BODY)).isEqualTo(201);
        assertThat(caseSystem.receive(signed("e-1", now, SECRET)::get, BODY)).isEqualTo(409);
        assertThat(caseSystem.received()).hasSize(1);
    }

    @Test
    void refusesAnotherSecretAnOldTimestampAndNoSignature() {
        long now = Instant.now().getEpochSecond();
        WebhookSignature.Secret other = WebhookSignature.Secret.parse(WebhookSignature.Secret.generate());

        assertThat(caseSystem.receive(signed("e-1", now, other)::get, BODY)).isEqualTo(401);
        assertThat(caseSystem.receive(signed("e-1", now - 600, SECRET)::get, BODY)).isEqualTo(401);
        assertThat(caseSystem.receive(Map.of("Idempotency-Key", "e-1")::get, BODY)).isEqualTo(401);
        assertThat(caseSystem.received()).isEmpty();
    }
}
