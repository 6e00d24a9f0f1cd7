package org.mashhub.hub.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.apache.camel.spring.SpringCamelContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.testsupport.HousingExamples;
import org.mashhub.hub.testsupport.PartnerHttpClient;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The run-time contract of the demo profile, on the embedded defaults (H2 and Artemis in a data
 * directory): demo partner keys and staff users, the case-system simulator at /sim/case-system, and
 * simulated housing traffic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability // tests switch metrics export off unless asked
@ActiveProfiles("demo")
class DemoProfileIT {

    @LocalServerPort
    int port;

    /**
     * Camel's test listener (on the other test classes) tells CamelContexts not to start until it starts them itself, and
     * clears that only when the class's tests begin; a class that failed before them (a browser that would not start)
     * left it set, and this context, which starts Camel as the application does, came up without Camel.
     */
    @BeforeAll
    static void camelStartsWithTheApplication() {
        System.clearProperty("skipStartingCamelContext");
        SpringCamelContext.setNoStart(false);
    }

    @DynamicPropertySource
    static void aFreshDataDirAndQuickTraffic(DynamicPropertyRegistry registry) throws IOException {
        String dataDir = Files.createTempDirectory("mash-hub-demo-it-").toString();
        registry.add("hub.data-dir", () -> dataDir);
        registry.add("hub.schools.inbox-dir", () -> dataDir + "/inbox/schools");
        registry.add("hub.sharing.agreements-dir", () -> java.nio.file.Path.of("..", "config", "sharing").toAbsolutePath().normalize()
                .toString());
        registry.add("hub.demo.traffic-interval", () -> "1s");
        // Decisions final and sent at once, and the simulated case system reporting back a second after it holds one.
        registry.add("hub.triage.undo-window", () -> "0s");
        registry.add("hub.triage.send-every", () -> "1s");
        registry.add("hub.demo.case-system-reply-after", () -> "1s");
        registry.add("hub.demo.case-system-reply-every", () -> "1s");
        // The simulated partners answer a second after a request is made, none of them late.
        registry.add("hub.demo.partner-answer-after", () -> "1s");
        registry.add("hub.demo.partner-answer-every", () -> "1s");
        registry.add("hub.demo.late-answer-every", () -> "0");
    }

    @Test
    void anExampleSentWithTheDemoKeyReachesTheSimulatedCaseSystem() {
        PartnerHttpClient http = new PartnerHttpClient(port);

        HttpResponse<String> accepted = http.postHousing("demo-housing-key",
                HousingExamples.bytes(HousingExamples.read("duty-to-refer.json")));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        List<String> eventIds = PartnerHttpClient.json(accepted).get("events").findValuesAsText("eventId");
        await().atMost(Duration.ofSeconds(20)).until(() -> simulatorKeys(http).containsAll(eventIds));
    }

    @Test
    void afterADecisionTheReferrerPullsItsOutcomeAndTheDemoCaseSystemReportsItBackWithItsKey() {
        PartnerHttpClient http = new PartnerHttpClient(port);
        // A notice with a safeguarding concern: the housing partner's referral (a new message id, so not the traffic's).
        com.fasterxml.jackson.databind.node.ObjectNode notice = HousingExamples.read("eviction-notice-with-safeguarding-concern.json");
        notice.put("messageId", "DEMO-IT-" + java.util.UUID.randomUUID()).put("consentToShare", "GIVEN");
        HttpResponse<String> accepted = http.postHousing("demo-housing-key", HousingExamples.bytes(notice));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String referral = java.util.stream.StreamSupport.stream(PartnerHttpClient.json(accepted).get("events").spliterator(), false)
                .filter(e -> e.get("kind").asText().equals("ReferralEvent")).map(e -> e.get("eventId").asText()).findFirst().orElseThrow();

        // Decided once the sharing gate has passed the referral.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> decided = http.postAsStaff("/api/v1/referrals/" + referral + "/decision", "practitioner", "demo",
                    "{\"outcome\":\"EARLY_HELP\",\"rationale\":\"Early help assessment agreed with the family.\"}");
            assertThat(decided.statusCode()).as(decided.body()).isEqualTo(201);
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> http.notificationFor("demo-housing-key", "REFERRAL_OUTCOME", referral) != null);
        assertThat(http.notificationFor("demo-housing-key", "REFERRAL_OUTCOME", referral).at("/body/outcome").asText()).isEqualTo("EARLY_HELP");
        await().atMost(Duration.ofSeconds(60)).until(() -> PartnerHttpClient.json(http.getAsStaff(
                        "/api/v1/audit/entries?actor=case-system&action=RECEIVED&size=200", "auditor", "demo")).get("entries").findValuesAsText("eventId")
                .contains(referral));
        // Reported back, the outcome its referrer already heard tells nobody again.
        assertThat(PartnerHttpClient.json(http.getAsStaff("/api/v1/audit/entries?action=NOTIFICATION_MADE&size=200", "auditor", "demo"))
                .get("entries").findValuesAsText("eventId").stream().filter(referral::equals)).hasSize(1);
    }

    @Test
    void theDemoPartnersAnswerTheMashsRequestsForInformation() {
        PartnerHttpClient http = new PartnerHttpClient(port);
        await().atMost(Duration.ofSeconds(60)).until(() -> http.getAsStaff("/mash/search?given=Lily&family=Madeupson&birthDate=2015-04-19",
                "practitioner", "demo").body().contains("/mash/children/"));
        String child = http.getAsStaff("/mash/search?given=Lily&family=Madeupson&birthDate=2015-04-19", "practitioner", "demo").body()
                .replaceAll("(?s).*?href=\"/mash/children/([a-f0-9-]+)\".*", "$1");
        HttpResponse<String> raised = http.postAsStaff("/api/v1/enquiries", "practitioner", "demo", "{\"hubChildId\":\"" + child
                + "\",\"agencies\":[\"police\",\"health\"],\"rag\":\"RED\",\"question\":\"What do you hold?\",\"lawfulBasis\":[\"UK-GDPR-6-1-e\"]}");
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(201);
        String enquiry = PartnerHttpClient.json(raised).get("id").asText();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(PartnerHttpClient.json(http.getAsStaff(
                "/api/v1/enquiries/" + enquiry, "practitioner", "demo")).get("requests").findValuesAsText("status"))
                .containsExactly("ANSWERED", "ANSWERED"));
    }

    @Test
    void simulatedPartnersKeepSendingAndTheDemoStaffCanSignIn() {
        PartnerHttpClient http = new PartnerHttpClient(port);

        await().atMost(Duration.ofSeconds(30)).until(() -> simulatorKeys(http).size() >= 6);

        JsonNode audit = PartnerHttpClient.json(http.getAsStaff("/api/v1/audit/verify", "auditor", "demo"));
        assertThat(audit.get("valid").asBoolean()).isTrue();
        assertThat(http.getAsStaff("/api/v1/audit/verify", "practitioner", "demo").statusCode()).isEqualTo(403);
    }

    @Test
    void actuatorShowsHealthToAllAndMetricsToEngineersOnly() {
        PartnerHttpClient http = new PartnerHttpClient(port);

        // Ready once every route's consumer is running (the school folders' first poll comes a moment after start).
        await().atMost(Duration.ofSeconds(20)).until(() -> http.getAsStaff("/actuator/health", null, null).statusCode() == 200);
        HttpResponse<String> health = http.getAsStaff("/actuator/health", null, null);
        assertThat(PartnerHttpClient.json(health).get("status").asText()).isEqualTo("UP");
        assertThat(http.getAsStaff("/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
        assertThat(http.getAsStaff("/actuator/prometheus", "engineer", "demo").statusCode()).isEqualTo(200);
        assertThat(http.getAsStaff("/actuator/env", "engineer", "demo").statusCode()).isEqualTo(404);
    }

    @Test
    void metricsCountEachPartnersStepsAndShowQueueDepthsAndDeliveryTimes() {
        PartnerHttpClient http = new PartnerHttpClient(port);
        HttpResponse<String> accepted = http.postHousing("demo-housing-key", HousingExamples.bytes(HousingExamples.read("duty-to-refer.json")));
        assertThat(accepted.statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                http.getAsStaff("/actuator/prometheus", "engineer", "demo").body())
                .containsPattern("mash_hub_steps_total\\{partner=\"housing-demo\",step=\"received\"} [1-9]")
                .containsPattern("mash_hub_steps_total\\{partner=\"housing-demo\",step=\"published\"} [1-9]")
                .containsPattern("mash_hub_steps_total\\{partner=\"housing-demo\",step=\"delivered\"} [1-9]")
                .containsPattern("mash_hub_delivery_seconds_bucket\\{partner=\"housing-demo\",le=")
                .containsPattern("mash_hub_queue_messages\\{queue=\"hub.case-system.delivery\"} \\d")
                .containsPattern("mash_hub_outbox_events \\d")
                .containsPattern("mash_hub_events_parked \\d")
                .contains("camel_exchanges_total{camelContext=\"mash-hub\",eventType=\"route\",kind=\"CamelRoute\",routeId=\"case-system-delivery\"}"));
        JsonNode health = PartnerHttpClient.json(http.getAsStaff("/actuator/health", "engineer", "demo"));
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/jms/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/caseSystem/status").asText()).isEqualTo("UP");
    }

    @Test
    void aFreshDemoHubHasTwelveWeeksOfReferralsAndAChildKnownToSeveralAgencies() {
        PartnerHttpClient http = new PartnerHttpClient(port);

        await().atMost(Duration.ofSeconds(60)).until(() -> referralsOnTheDashboard(http) > 100);
        String search = http.getAsStaff("/mash/search?given=Lily&family=Madeupson&birthDate=2015-04-19", "practitioner", "demo").body();
        String childPath = search.replaceAll("(?s).*?href=\"(/mash/children/[a-f0-9-]+)\".*", "$1");
        String page = http.getAsStaff(childPath, "practitioner", "demo").body();
        assertThat(page).contains("data-agency=\"police\"", "data-agency=\"education\"", "Linked referrals")
                .contains("consent needed and not yet recorded by health, awaiting a manager");
        // The history is history once it is dated back (every message, after their deliveries): spread over the weeks and
        // mostly decided, not a flood of new referrals in the inbox.
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            List<String> weeks = http.getAsStaff("/mash/dashboard.csv?weeks=12", "manager", "demo").body().lines().skip(1).toList();
            assertThat(weeks.stream().filter(w -> Integer.parseInt(w.split(",")[6]) > 0).count()).as(String.join("\n", weeks))
                    .isGreaterThanOrEqualTo(10);
            assertThat(PartnerHttpClient.json(http.getAsStaff("/api/v1/referrals", "practitioner", "demo")).get("total").asInt())
                    .isLessThan(40);
        });
    }

    private static int referralsOnTheDashboard(PartnerHttpClient http) {
        String dashboard = http.getAsStaff("/mash/dashboard", "manager", "demo").body();
        return Integer.parseInt(dashboard.replaceAll("(?s).*id=\"referrals\">(\\d+)<.*", "$1"));
    }

    private static List<String> simulatorKeys(PartnerHttpClient http) {
        HttpResponse<String> events = http.getAsStaff("/sim/case-system/events", "practitioner", "demo");
        return PartnerHttpClient.json(events).findValuesAsText("idempotencyKey");
    }
}
