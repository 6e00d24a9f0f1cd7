package org.mashhub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.testsupport.HealthBundles;
import org.mashhub.hub.testsupport.HousingExamples;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.mashhub.hub.testsupport.PartnerHttpClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Far more partner requests at once than the hub admits (two here): the rest are answered 503 with Retry-After in each
 * interface's own terms, nothing of them is stored, nothing fails otherwise, and when the partners send the refused
 * messages again they are all accepted and delivered once.
 */
@TestPropertySource(properties = {"hub.ingest.max-concurrent-requests=2", "hub.ingest.admission-wait=0ms"})
class OverloadIT extends HubIntegrationTest {

    record Sent(String kind, String messageId, byte[] body, HttpResponse<String> response) {
    }

    private Sent send(int kind, String messageId, String notice) {
        if (kind == 0) {
            byte[] body = HousingExamples.bytes(HousingExamples.moveOf("housing-test", "Flood", "Overloadson", messageId));
            return new Sent("housing", messageId, body, http.postHousing(PartnerHttpClient.HOUSING_KEY, body));
        }
        if (kind == 1) {
            ObjectNode bundle = HealthBundles.concern(HealthBundles.Child.fresh(), "urgent", false);
            ((ObjectNode) bundle.get("identifier")).put("value", messageId);
            byte[] body = HealthBundles.bytes(bundle);
            return new Sent("health", messageId, body, http.post("/fhir/$process-message", "test-health-key",
                    "application/fhir+json", body, null));
        }
        byte[] body = ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + notice.replaceFirst("<NoticeId>[^<]+</NoticeId>", "<NoticeId>" + messageId + "</NoticeId>")
                + "</soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
        return new Sent("police", messageId, body, http.post("/services/police", PartnerHttpClient.POLICE_KEY,
                "text/xml; charset=UTF-8", body, null));
    }

    @Test
    void aFloodIsToldToComeBackAndEverythingSentAgainIsAcceptedOnce() throws Exception {
        String notice = Files.readString(Path.of("..", "schemas", "police", "examples", "missing-child.xml"))
                .replaceFirst("<\\?xml[^>]*\\?>\\s*", "");
        List<Callable<Sent>> flood = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int n = i;
            String messageId = "FLOOD-" + UUID.randomUUID();
            flood.add(() -> send(n % 3, messageId, notice));
        }
        ExecutorService partners = Executors.newFixedThreadPool(30);
        List<Sent> sent = new ArrayList<>();
        for (Future<Sent> result : partners.invokeAll(flood)) {
            sent.add(result.get());
        }
        partners.shutdown();

        List<Sent> refused = sent.stream().filter(s -> s.response().statusCode() == 503).toList();
        assertThat(sent).allSatisfy(s -> assertThat(s.response().statusCode()).as(s.kind()).isIn(200, 202, 503));
        assertThat(refused).isNotEmpty();
        for (Sent s : refused) {
            assertThat(s.response().headers().firstValue("Retry-After")).contains("5");
            switch (s.kind()) {
                case "health" -> assertThat(s.response().body()).contains("OperationOutcome", "throttled");
                case "police" -> assertThat(s.response().body()).contains("soap:Fault", "Send the same message again");
                default -> assertThat(s.response().headers().firstValue("Content-Type")).contains("application/problem+json");
            }
            // nothing of a refused message was stored
            assertThat(jdbc.queryForObject("select count(*) from inbound_message where partner_message_id = ?", Integer.class,
                    s.messageId())).isZero();
        }

        // The partners send the refused messages again, one at a time: all accepted.
        List<String> eventIds = new ArrayList<>();
        for (Sent s : sent) {
            HttpResponse<String> answer = s.response().statusCode() != 503 ? s.response() : switch (s.kind()) {
                case "housing" -> http.postHousing(PartnerHttpClient.HOUSING_KEY, s.body());
                case "health" -> http.post("/fhir/$process-message", "test-health-key", "application/fhir+json", s.body(), null);
                default -> http.post("/services/police", PartnerHttpClient.POLICE_KEY, "text/xml; charset=UTF-8", s.body(), null);
            };
            assertThat(answer.statusCode()).as(answer.body()).isIn(200, 202);
            eventIds.addAll(jdbc.queryForList("select e.event_id from accepted_event e join inbound_message m"
                    + " on m.hub_message_id = e.hub_message_id where m.partner_message_id = ?", String.class, s.messageId()));
        }
        assertThat(eventIds).hasSizeGreaterThanOrEqualTo(sent.size());
        awaitDelivered(eventIds);
        assertThat(eventIds).allSatisfy(id -> assertThat(caseSystem.attempts(id)).isEqualTo(1));
    }
}
