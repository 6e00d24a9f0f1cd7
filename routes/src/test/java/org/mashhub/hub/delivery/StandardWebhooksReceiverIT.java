package org.mashhub.hub.delivery;

import org.mashhub.hub.edge.WebhookSignature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashhub.hub.testsupport.HousingExamples;
import org.mashhub.hub.testsupport.HubProcess;
import org.mashhub.hub.testsupport.PartnerHttpClient;
import org.mashhub.schemas.CanonicalJson;

/**
 * The packaged hub delivers to a receiver a case-system vendor could have written from the Standard Webhooks
 * specification alone (Python's standard library, {@code clients/standard_webhooks_receiver.py}), through a rotation of
 * the signing secret: the hub signs with the old and the new, the receiver moves from the old to the new, then the hub
 * drops the old. Every delivery is verified and taken once; none is refused.
 */
class StandardWebhooksReceiverIT {

    static final Path RECEIVER = Path.of("src", "test", "resources", "clients", "standard_webhooks_receiver.py");
    static final String PYTHON = Files.exists(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    static final String OLD = WebhookSignature.Secret.generate();
    static final String NEW = WebhookSignature.Secret.generate();

    @TempDir
    Path work;

    @Test
    void aReceiverWrittenFromTheSpecificationVerifiesEveryDeliveryThroughARotation() throws Exception {
        int receiverPort = HubProcess.freePort();
        Path secrets = Files.writeString(work.resolve("receiver-secrets"), OLD + "\n");
        Path deliveries = work.resolve("deliveries.jsonl");
        Process receiver = new ProcessBuilder(PYTHON, RECEIVER.toString(), "" + receiverPort, secrets.toString(), deliveries.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("receiver.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
                new Socket("127.0.0.1", receiverPort).close();
                return true;
            });
            Path data = Files.createDirectories(work.resolve("data"));
            List<String> sent = new ArrayList<>();
            try (HubProcess hub = start(data, receiverPort, OLD + "," + NEW)) {
                sent.addAll(sendAndAwait(hub, deliveries));
                Files.writeString(secrets, NEW + "\n"); // the case system moves to the new secret
                sent.addAll(sendAndAwait(hub, deliveries));
            }
            try (HubProcess hub = start(data, receiverPort, NEW)) { // and the hub drops the old one
                sent.addAll(sendAndAwait(hub, deliveries));
            }

            List<JsonNode> lines = lines(deliveries);
            assertThat(lines).as("every delivery verified by the receiver").allMatch(l -> l.get("verified").asBoolean());
            assertThat(lines).extracting(l -> l.get("id").asText()).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(lines).extracting(l -> l.get("answer").asInt()).containsOnly(204);
            assertThat(lines).allMatch(l -> l.get("sequence").asInt() >= 1);
        } finally {
            receiver.destroy();
        }
    }

    private HubProcess start(Path data, int receiverPort, String signingSecrets) throws Exception {
        return HubProcess.start(HubProcess.freePort(), data, work.resolve("hub.log"),
                "--spring.profiles.active=demo", "--hub.demo.traffic=false", "--hub.demo.history=false",
                "--hub.case-system.url=http://127.0.0.1:" + receiverPort,
                "--hub.case-system.signing-secrets=" + signingSecrets).awaitUp(Duration.ofSeconds(90));
    }

    /** One housing message's events, sent and seen taken by the receiver. */
    private List<String> sendAndAwait(HubProcess hub, Path deliveries) throws Exception {
        HttpResponse<String> accepted = new PartnerHttpClient(hub.port()).postHousing("demo-housing-key",
                HousingExamples.bytes(HousingExamples.fresh("duty-to-refer.json", "housing-demo")));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        List<String> eventIds = PartnerHttpClient.json(accepted).get("events").findValuesAsText("eventId");
        await().atMost(Duration.ofSeconds(30)).until(() -> lines(deliveries).stream()
                .filter(l -> l.get("answer").asInt() == 204).map(l -> l.get("id").asText()).toList().containsAll(eventIds));
        return eventIds;
    }

    private static List<JsonNode> lines(Path deliveries) throws Exception {
        if (!Files.exists(deliveries)) {
            return List.of();
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(deliveries)) {
            lines.add(CanonicalJson.mapper().readTree(line));
        }
        return lines;
    }
}
