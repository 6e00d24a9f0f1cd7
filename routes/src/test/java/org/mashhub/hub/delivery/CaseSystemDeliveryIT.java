package org.mashhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mashhub.hub.testsupport.PartnerHttpClient.HOUSING_KEY;
import static org.mashhub.hub.testsupport.PartnerHttpClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.broker.Queues;
import org.mashhub.hub.casesystem.SimulatedCaseSystem;
import org.mashhub.hub.edge.HubHeaders;
import org.mashhub.hub.testsupport.HousingExamples;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Delivery to the case system through the real broker: retries, parking, and each child's events in
 * order while several consumers deliver at once. The IT profile retries 4 times, 50 ms doubling.
 */
class CaseSystemDeliveryIT extends HubIntegrationTest {

    @Autowired
    ConnectionFactory connectionFactory;

    @Test
    void aCaseSystemThatFailsTwiceGetsTheEventOnTheThirdAttempt() {
        caseSystem.answerNext(503, 503);

        String eventId = sendMove("Retry", "Twiceover");

        awaitDelivered(eventId);
        assertThat(caseSystem.attempts(eventId)).isEqualTo(3);
        assertThat(auditOf(eventId)).containsExactly("PUBLISHED", "POLICY_DECIDED", "RETRIED", "RETRIED", "DELIVERED");
        assertThat(statusOf(eventId)).isEqualTo("DELIVERED");
    }

    @Test
    void aCaseSystemThatTimesOutIsRetried() {
        AtomicBoolean slowOnce = new AtomicBoolean(true);
        caseSystem.answerWith(event -> {
            if (event.at("/child/name/given").asText().equals("Slowpoke") && slowOnce.getAndSet(false)) {
                sleep(Duration.ofMillis(1500)); // longer than the IT profile's 1 s request timeout
            }
            return null;
        });

        String eventId = sendMove("Slowpoke", "Timeoutson");

        await().atMost(Duration.ofSeconds(20)).until(() -> statusOf(eventId).equals("DELIVERED"));
        assertThat(auditOf(eventId)).contains("RETRIED").endsWith("DELIVERED");
    }

    @Test
    void anEventTheCaseSystemRefusesIsParkedWithTheReason() throws Exception {
        caseSystem.answerWith(event -> event.at("/child/name/given").asText().equals("Refused") ? 422 : null);

        String eventId = sendMove("Refused", "Byname");

        await().atMost(Duration.ofSeconds(20)).until(() -> statusOf(eventId).equals("PARKED"));
        assertThat(caseSystem.attempts(eventId)).isEqualTo(1);
        assertThat(held(eventId)).isFalse();
        assertThat(auditOf(eventId)).containsExactly("PUBLISHED", "POLICY_DECIDED", "PARKED");
        assertThat(parkedReason(eventId)).isEqualTo("rejected: case system answered 422");
    }

    @Test
    void anEngineerReplaysOneParkedEventAndDiscardsAnotherFromTheView() throws Exception {
        AtomicBoolean refusing = new AtomicBoolean(true);
        caseSystem.answerWith(event -> refusing.get() && event.at("/child/name/family").asText().equals("Replayson") ? 422 : null);
        String replayed = sendMove("Parked", "Replayson");
        String discarded = sendMove("Dropped", "Replayson");
        await().atMost(Duration.ofSeconds(20)).until(() -> statusOf(replayed).equals("PARKED") && statusOf(discarded).equals("PARKED"));
        refusing.set(false);

        assertThat(http.getAsStaff("/mash/parked", "engineer", "test-engineer").body()).contains(replayed, discarded)
                .containsPattern("id=\"parked-count\">\\d+ parked");
        assertThat(staff("/mash/parked/" + replayed + "/replay", "engineer").statusCode()).isEqualTo(302);
        assertThat(staff("/mash/parked/" + discarded + "/discard?reason=duplicate%20of%20a%20delivered%20event", "engineer").statusCode()).isEqualTo(302);

        await().atMost(Duration.ofSeconds(20)).until(() -> statusOf(replayed).equals("DELIVERED"));
        assertThat(caseSystem.received()).filteredOn(r -> r.idempotencyKey().equals(replayed)).hasSize(1);
        assertThat(auditOf(replayed)).containsSubsequence("PARKED", "REPLAYED", "POLICY_DECIDED", "DELIVERED");
        assertThat(statusOf(discarded)).isEqualTo("DISCARDED");
        assertThat(auditOf(discarded)).endsWith("DISCARDED");
        assertThat(http.getAsStaff("/mash/parked", "engineer", "test-engineer").body()).doesNotContain(replayed, discarded);
    }

    @Test
    void aCaseSystemThatStopsTrustingTheHubHasDeliveriesHeldAndTheEngineerToldUntilItTakesThemAgain() {
        AtomicBoolean refusing = new AtomicBoolean(true);
        caseSystem.answerWith(event -> refusing.get() && event.at("/child/name/family").asText().equals("Untrustedson") ? 401 : null);
        String eventId = sendMove("Held", "Untrustedson");

        await().atMost(Duration.ofSeconds(20)).until(() -> http.getAsStaff("/mash/parked", "engineer", "test-engineer").body()
                .contains("The case system has refused the hub&#39;s deliveries since"));
        assertThat(http.getAsStaff("/mash/parked", "engineer", "test-engineer").body()).containsPattern("[1-9][0-9]* events? (is|are) waiting for it");
        assertThat(statusOf(eventId)).as("held, not parked").isEqualTo("PUBLISHED");
        assertThat(json(http.getAsStaff("/actuator/health", "engineer", "test-engineer")).at("/components/caseSystem/status").asText())
                .isEqualTo("DEGRADED");

        refusing.set(false);
        await().atMost(Duration.ofSeconds(20)).until(() -> statusOf(eventId).equals("DELIVERED"));
        assertThat(http.getAsStaff("/mash/parked", "engineer", "test-engineer").body()).doesNotContain("refused the hub");
    }

    @Test
    void theDeadLetterApiListsShowsReplaysAndDiscardsWithAReasonAllAudited() throws Exception {
        AtomicBoolean refusing = new AtomicBoolean(true);
        caseSystem.answerWith(event -> refusing.get() && event.at("/child/name/family").asText().equals("Deadletterson") ? 422 : null);
        String replayed = sendMove("Api", "Deadletterson");
        String discarded = sendMove("Gone", "Deadletterson");
        await().atMost(Duration.ofSeconds(20)).until(() -> statusOf(replayed).equals("PARKED") && statusOf(discarded).equals("PARKED"));
        refusing.set(false);

        assertThat(json(http.getAsStaff("/api/v1/admin/dead-letters?partner=housing-test&reason=rejected", "engineer", "test-engineer"))
                .findValuesAsText("eventId")).contains(replayed, discarded);
        assertThat(http.getAsStaff("/api/v1/admin/dead-letters?olderThan=P1D", "engineer", "test-engineer").body()).doesNotContain(replayed);
        // The words as typed: % and _ are looked for in the reason, not wildcards that match every parked event.
        assertThat(http.getAsStaff("/api/v1/admin/dead-letters?reason=%25", "engineer", "test-engineer").body()).doesNotContain(replayed);
        assertThat(http.getAsStaff("/api/v1/admin/dead-letters?reason=case_system", "engineer", "test-engineer").body()).doesNotContain(replayed);
        assertThat(http.getAsStaff("/api/v1/admin/dead-letters?reason=ANSWERED%20422", "engineer", "test-engineer").body()).contains(replayed);
        JsonNode one = json(http.getAsStaff("/api/v1/admin/dead-letters/" + replayed, "engineer", "test-engineer"));
        assertThat(one.get("reason").asText()).isEqualTo("rejected: case system answered 422");
        assertThat(one.get("attempts").asInt()).isEqualTo(1);
        assertThat(http.getAsStaff("/api/v1/admin/dead-letters", "practitioner", "test-practitioner").statusCode()).isEqualTo(403);

        assertThat(staff("/api/v1/admin/dead-letters/" + replayed + "/replay", "engineer").statusCode()).isEqualTo(200);
        assertThat(staff("/api/v1/admin/dead-letters/" + replayed + "/replay", "engineer").statusCode()).isEqualTo(404);
        assertThat(staff("/api/v1/admin/dead-letters/" + discarded + "/discard", "engineer").statusCode()).isEqualTo(422);
        assertThat(staff("/api/v1/admin/dead-letters/" + discarded + "/discard", "engineer", "{\"reason\":\"sent again by the partner\"}")
                .statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> statusOf(replayed).equals("DELIVERED"));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> caseSystem.received().stream()
                .filter(r -> r.idempotencyKey().equals(replayed)).count() == 1);
        assertThat(audited().queryForList("select action || ' ' || actor || ' ' || coalesce(detail, '') from audit_entry where event_id = ? "
                + "order by seq", String.class, discarded)).last().asString()
                .isEqualTo("DISCARDED staff:engineer from parked: sent again by the partner");
        assertThat(audited().queryForList("select detail from audit_entry where action = 'VIEWED' and actor = 'staff:engineer' "
                + "and detail like 'dead-letter%'", String.class)).isNotEmpty();
    }



    private HttpResponse<String> staff(String path, String user) {
        return staff(path, user, null);
    }

    private HttpResponse<String> staff(String path, String user, String json) {
        return http.postAsStaff(path, user, "test-" + user, json);
    }

    @Test
    void anEventIsParkedWhenTheRetriesRunOut() throws Exception {
        caseSystem.answerWith(event -> event.at("/child/name/given").asText().equals("Unlucky") ? 503 : null);

        String eventId = sendMove("Unlucky", "Downtime");

        await().atMost(Duration.ofSeconds(20)).until(() -> statusOf(eventId).equals("PARKED"));
        assertThat(caseSystem.attempts(eventId)).isEqualTo(4);
        assertThat(auditOf(eventId)).containsExactly("PUBLISHED", "POLICY_DECIDED", "RETRIED", "RETRIED", "RETRIED", "PARKED");
        assertThat(parkedReason(eventId)).isEqualTo("retries exhausted: case system answered 503");
    }

    @Test
    void eachChildsEventsArriveInTheOrderTheyWereAcceptedWhileConsumersRace() throws Exception {
        caseSystem.processingTime(Duration.ofMillis(15));
        List<String> children = List.of("Ava", "Ben", "Cara", "Dev", "Eli", "Fay", "Gus", "Hal");
        int perChild = 12;
        String run = UUID.randomUUID().toString().substring(0, 8);
        ExecutorService partners = Executors.newFixedThreadPool(children.size());
        Map<String, List<String>> sentInOrder = Collections.synchronizedMap(new HashMap<>());
        List<Future<?>> sending = new ArrayList<>();
        for (String child : children) {
            sending.add(partners.submit(() -> {
                List<String> sent = new ArrayList<>();
                for (int i = 0; i < perChild; i++) {
                    String messageId = "ORDER-" + run + "-" + child + "-" + i;
                    HttpResponse<String> response = http.postHousing(HOUSING_KEY, HousingExamples.bytes(
                            HousingExamples.moveOf("housing-test", child, "Orderly" + run.replaceAll("[^a-z]", ""), messageId)));
                    assertThat(response.statusCode()).isEqualTo(202);
                    sent.add(messageId);
                }
                sentInOrder.put(child, sent);
            }));
        }
        for (Future<?> f : sending) {
            f.get();
        }
        partners.shutdown();

        await().atMost(Duration.ofSeconds(60)).until(() -> arrivedForRun(run).size() == children.size() * perChild);
        Map<String, List<String>> arrived = new HashMap<>();
        for (SimulatedCaseSystem.Received r : arrivedForRun(run)) {
            arrived.computeIfAbsent(r.event().at("/child/name/given").asText(), k -> new ArrayList<>())
                    .add(r.event().at("/source/partnerMessageId").asText());
        }
        assertThat(arrived).isEqualTo(sentInOrder);
    }

    @Test
    void aMessageSmuggledOntoTheQueueIsNotDeliveredAndItsCamelHeaderCannotRedirectIt() throws Exception {
        String eventId = UUID.randomUUID().toString();
        String event = new String(HousingExamples.bytes(HousingExamples.read("../../events/examples/child-record-event.address-change.json")
                .put("eventId", eventId)), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"given\":\"Isla\"", "\"given\":\"Smuggled\"");
        try (JMSContext context = connectionFactory.createContext(JMSContext.SESSION_TRANSACTED)) {
            TextMessage message = context.createTextMessage(event);
            message.setStringProperty(HubHeaders.EVENT_ID, eventId);
            message.setStringProperty(HubHeaders.JMS_GROUP_ID, "smuggled-child");
            message.setStringProperty(HubHeaders.PARTNER_ID, "housing-test");
            // Camel's header map is case-insensitive: without the guard this would send the parked copy elsewhere.
            message.setStringProperty("CAMELJMSDESTINATIONNAME", "hub.smuggled");
            context.createProducer().send(context.createQueue(Queues.CASE_SYSTEM_DELIVERY), message);
            context.commit();
        }

        // Not in the ledger: taken off the queue and not sent.
        await().atMost(Duration.ofSeconds(30)).until(() -> browse(Queues.CASE_SYSTEM_DELIVERY).stream().noneMatch(m -> eventId.equals(eventIdOf(m))));
        assertThat(caseSystem.attempts(eventId)).isZero();
        assertThat(browse("hub.smuggled")).isEmpty();
    }

    @Test
    void anOutboxRowSentAgainAfterACrashReachesTheCaseSystemOnce() {
        String eventId = sendMove("Twice", "Relayson");
        await().atMost(Duration.ofSeconds(20)).until(() -> statusOf(eventId).equals("DELIVERED"));

        // As after a kill between the relay's broker commit and its delete: the row is there again. The broker drops the
        // copy (it knows the duplicate id); a copy under another id (a broker that lost its id cache) finds the event
        // delivered in the ledger and goes no further.
        for (String duplicateId : List.of(eventId, eventId + ":copy")) {
            jdbc.update("insert into event_outbox (event_id, duplicate_id, created_at) values (?, ?, current_timestamp)", eventId, duplicateId);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    jdbc.queryForObject("select count(*) from event_outbox where event_id = ?", Integer.class, eventId) == 0);
        }
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> caseSystem.attempts(eventId) == 1);
        assertThat(auditOf(eventId)).containsOnlyOnce("DELIVERED");
    }

    private String sendMove(String given, String family) {
        HttpResponse<String> response = http.postHousing(HOUSING_KEY, HousingExamples.bytes(
                HousingExamples.moveOf("housing-test", given, family, "IT-" + UUID.randomUUID())));
        assertThat(response.statusCode()).isEqualTo(202);
        return json(response).at("/events/0/eventId").asText();
    }

    private List<SimulatedCaseSystem.Received> arrivedForRun(String run) {
        return caseSystem.received().stream()
                .filter(r -> r.event().at("/source/partnerMessageId").asText().startsWith("ORDER-" + run))
                .toList();
    }

    private boolean held(String eventId) {
        return caseSystem.received().stream().anyMatch(r -> r.idempotencyKey().equals(eventId));
    }

    private List<String> auditOf(String eventId) {
        return audited().queryForList("select action from audit_entry where event_id = ? order by seq", String.class, eventId);
    }

    private String statusOf(String eventId) {
        return jdbc.queryForObject("select status from accepted_event where event_id = ?", String.class, eventId);
    }

    private String parkedReason(String eventId) {
        return jdbc.queryForObject("select parked_reason from accepted_event where event_id = ? and parked_at is not null", String.class, eventId);
    }

    private static String eventIdOf(Message m) {
        try {
            return m.getStringProperty(HubHeaders.EVENT_ID);
        } catch (Exception e) {
            return null;
        }
    }

    private List<Message> browse(String queue) throws Exception {
        List<Message> messages = new ArrayList<>();
        try (JMSContext context = connectionFactory.createContext(); QueueBrowser browser = context.createBrowser(context.createQueue(queue))) {
            var e = browser.getEnumeration();
            while (e.hasMoreElements()) {
                messages.add((Message) e.nextElement());
            }
        }
        return messages;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
