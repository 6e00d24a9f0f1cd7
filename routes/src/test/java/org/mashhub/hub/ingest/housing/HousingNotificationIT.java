package org.mashhub.hub.ingest.housing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mashhub.hub.testsupport.PartnerHttpClient.HOUSING_KEY;
import static org.mashhub.hub.testsupport.PartnerHttpClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.casesystem.SimulatedCaseSystem;
import org.mashhub.hub.testsupport.HousingExamples;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.mashhub.schemas.CanonicalJson;

/** Housing notifications over real HTTP, through the whole pipeline, to the simulated case system. */
class HousingNotificationIT extends HubIntegrationTest {

    @Test
    void acceptsWithAReceiptAndDeliversEachEventSignedUnderItsIdempotencyKey() throws Exception {
        ObjectNode notification = HousingExamples.fresh("duty-to-refer.json", "housing-test");

        HttpResponse<String> response = http.post("/api/v1/housing/notifications", HOUSING_KEY, "application/json",
                HousingExamples.bytes(notification), "it-correlation-1");

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode receipt = json(response);
        String hubMessageId = receipt.get("receipt").asText();
        List<String> eventIds = receipt.get("events").findValuesAsText("eventId");
        assertThat(eventIds).hasSize(2);
        assertThat(receipt.get("events").findValuesAsText("kind")).containsOnly("HOUSING_STATUS");

        await().atMost(Duration.ofSeconds(20)).until(() -> heldKeys().containsAll(eventIds));
        for (SimulatedCaseSystem.Received held : caseSystem.received()) {
            if (eventIds.contains(held.idempotencyKey())) {
                assertThat(held.event().get("eventId").asText()).isEqualTo(held.idempotencyKey());
                assertThat(held.event().get("correlationId").asText()).isEqualTo("it-correlation-1");
                assertThat(held.event().at("/source/hubMessageId").asText()).isEqualTo(hubMessageId);
                assertThat(held.event().at("/child/hubChildId").asText()).isNotBlank();
            }
        }
        // One correlation id from the partner's request to the case system, in every audit entry.
        await().atMost(Duration.ofSeconds(10)).until(() -> auditActions("it-correlation-1").stream()
                .filter("DELIVERED"::equals).count() == 2);
        assertThat(auditActions("it-correlation-1"))
                .containsExactlyInAnyOrder("RECEIVED", "MATCHED", "MATCHED", "CONSENT_RECORDED", "CONSENT_RECORDED", "PUBLISHED",
                        "PUBLISHED", "POLICY_DECIDED", "POLICY_DECIDED", "DELIVERED", "DELIVERED");
        assertThat(jdbc.queryForObject("select count(*) from accepted_event where hub_message_id = ? and status = 'DELIVERED'",
                Integer.class, hubMessageId)).isEqualTo(2);
    }

    @Test
    void theSameMessageAgainGetsTheSameReceiptAndNoSecondEvent() throws Exception {
        ObjectNode notification = HousingExamples.fresh("temporary-accommodation-out-of-district.json", "housing-test");
        HttpResponse<String> first = http.postHousing(HOUSING_KEY, HousingExamples.bytes(notification));
        String eventId = json(first).at("/events/0/eventId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> heldKeys().contains(eventId));

        // The partner's retry: sent later, pretty-printed; the same message.
        notification.put("sentAt", "2026-11-20T17:45:00Z");
        byte[] again = CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(notification);
        HttpResponse<String> second = http.postHousing(HOUSING_KEY, again);

        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(json(second)).isEqualTo(json(first));
        assertThat(jdbc.queryForObject("select count(*) from accepted_event where event_id = ?", Integer.class, eventId))
                .isEqualTo(1);
        assertThat(caseSystem.attempts(eventId)).isEqualTo(1);
    }

    @Test
    void concurrentCopiesOfOneMessageAreAcceptedOnce() throws Exception {
        byte[] body = HousingExamples.bytes(HousingExamples.fresh("household-move.json", "housing-test"));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<HttpResponse<String>>> replies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            replies.add(pool.submit((Callable<HttpResponse<String>>) () -> http.postHousing(HOUSING_KEY, body)));
        }
        List<JsonNode> receipts = new ArrayList<>();
        for (Future<HttpResponse<String>> reply : replies) {
            HttpResponse<String> response = reply.get();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            receipts.add(json(response));
        }
        pool.shutdown();

        assertThat(receipts).allSatisfy(r -> assertThat(r).isEqualTo(receipts.get(0)));
        String eventId = receipts.get(0).at("/events/0/eventId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> heldKeys().contains(eventId));
        assertThat(audited().queryForObject("select count(*) from audit_entry where event_id = ? and action = 'PUBLISHED'",
                Integer.class, eventId)).isEqualTo(1);
    }

    @Test
    void aMessageIdUsedAgainForDifferentContentIsRefused() {
        ObjectNode notification = HousingExamples.fresh("household-move.json", "housing-test");
        assertThat(http.postHousing(HOUSING_KEY, HousingExamples.bytes(notification)).statusCode()).isEqualTo(202);

        ((ObjectNode) notification.get("household").get("members").get(1)).put("givenName", "Someone-Else");
        HttpResponse<String> response = http.postHousing(HOUSING_KEY, HousingExamples.bytes(notification));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).get("type").asText()).endsWith("/message-id-reused");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aSafeguardingConcernReachesTheCaseSystemAsAReferral() {
        HttpResponse<String> response = http.postHousing(HOUSING_KEY,
                HousingExamples.bytes(HousingExamples.fresh("eviction-notice-with-safeguarding-concern.json", "housing-test")));

        List<String> eventIds = json(response).get("events").findValuesAsText("eventId");
        await().atMost(Duration.ofSeconds(20)).until(() -> heldKeys().containsAll(eventIds));
        assertThat(caseSystem.received()).filteredOn(r -> eventIds.contains(r.idempotencyKey()))
                .extracting(r -> r.event().get("eventType").asText(), r -> r.event().at("/concern/rag").asText())
                .containsOnly(org.assertj.core.groups.Tuple.tuple("ReferralEvent", "AMBER"));
    }

    private List<String> heldKeys() {
        return caseSystem.received().stream().map(SimulatedCaseSystem.Received::idempotencyKey).toList();
    }

    private List<String> auditActions(String correlationId) {
        return audited().queryForList("select action from audit_entry where correlation_id = ? order by seq", String.class,
                correlationId);
    }
}
