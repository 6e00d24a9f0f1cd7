package org.mashhub.hub.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mashhub.hub.casesystem.SimulatedCaseSystem;
import org.mashhub.hub.testsupport.HealthBundles;
import org.mashhub.hub.testsupport.HealthBundles.Child;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.mashhub.hub.testsupport.PartnerHttpClient;

/**
 * The sharing policy, scenario by scenario, through the whole hub: health partners under a strict agreement
 * (health conditions only with consent, no attendances; {@code src/test/resources/sharing}), a permissive one,
 * and none. Each scenario sends the family's consent (if any) and then a message, and asserts what reaches
 * the case-system simulator and the POLICY_DECIDED audit entry with its rule.
 */
class SharingPolicyIT extends HubIntegrationTest {

    static final String STRICT = "test-health-strict-key";
    static final String PERMISSIVE = "test-health-key";
    static final String NO_AGREEMENT = "test-health-noisa-key";

    /**
     * @param consents  consent updates sent first, as category=STATE
     * @param message   "concern:priority:rsh" or "attendance"
     * @param decision  the expected decision
     * @param rule      the expected rule
     * @param delivered whether the case system gets the event
     */
    record Scenario(String name, String key, List<String> consents, String message, String decision, String rule, boolean delivered) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario("consent given", STRICT, List.of("health.condition=GIVEN"), "concern:urgent:false",
                        "SHARE", "consent.given", true),
                new Scenario("consent refused, no risk: withheld", STRICT, List.of("health.condition=REFUSED"), "concern:urgent:false",
                        "WITHHOLD", "consent.refused", false),
                new Scenario("consent refused for demographics only: redacted", STRICT,
                        List.of("health.condition=GIVEN", "demographics=REFUSED"), "concern:urgent:false", "REDACT", "consent.refused", true),
                new Scenario("consent refused, risk of significant harm: shared under override", STRICT,
                        List.of("health.condition=REFUSED"), "concern:urgent:true", "SHARE_UNDER_OVERRIDE", "override.significant-harm", true),
                new Scenario("consent refused, rated red: shared under override", STRICT, List.of("health.condition=REFUSED"),
                        "concern:asap:false", "SHARE_UNDER_OVERRIDE", "override.red-rag", true),
                new Scenario("consent withdrawn", STRICT, List.of("health.condition=GIVEN", "health.condition=WITHDRAWN"),
                        "concern:urgent:false", "WITHHOLD", "consent.withdrawn", false),
                new Scenario("consent required and not sought", STRICT, List.of(), "concern:urgent:false",
                        "WITHHOLD", "consent.required-not-sought", false),
                new Scenario("consent not sought, public task", PERMISSIVE, List.of(), "concern:urgent:false",
                        "SHARE", "public-task", true),
                new Scenario("a category no agreement covers", STRICT, List.of(), "attendance",
                        "WITHHOLD", "isa.category-not-covered", false),
                new Scenario("a partner with no agreement", NO_AGREEMENT, List.of(), "concern:urgent:false",
                        "WITHHOLD", "isa.missing", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void eachScenarioReachesTheCaseSystemAsThePolicySaysAndIsAuditedWithItsRule(Scenario scenario) {
        Child child = Child.fresh();
        for (String consent : scenario.consents()) {
            String[] parts = consent.split("=");
            send(scenario.key(), HealthBundles.consent(child, parts[0], parts[1]));
        }
        String eventId = send(scenario.key(), message(scenario.message(), child)).get(0);

        String audit = awaitDecision(eventId);
        assertThat(audit).startsWith("decision=" + scenario.decision() + " rule=" + scenario.rule());
        Optional<JsonNode> received = awaitOutcome(eventId, scenario.delivered());
        if (scenario.delivered()) {
            JsonNode event = received.orElseThrow();
            assertThat(event.at("/sharing/decision").asText()).isEqualTo(scenario.decision());
            assertThat(event.at("/sharing/rule").asText()).endsWith("/" + scenario.rule());
            if (scenario.decision().equals("SHARE_UNDER_OVERRIDE")) {
                assertThat(event.at("/sharing/override/reason").asText()).startsWith("Shared without consent");
            }
            if (scenario.decision().equals("REDACT")) {
                assertThat(event.at("/child/name").isMissingNode()).isTrue();
                assertThat(event.at("/child/birthDate").isMissingNode()).isTrue();
                assertThat(event.get("redactions").findValuesAsText("pointer")).contains("/child/name", "/child/birthDate");
                assertThat(event.at("/redactions/0/rule").asText()).isEqualTo("consent.refused");
                assertThat(event.at("/concern/detail").asText()).isNotBlank();
            }
        } else {
            assertThat(received).isEmpty();
            assertThat(jdbc.queryForObject("select status from withheld_event where event_id = ?", String.class, eventId))
                    .isEqualTo("HELD");
            assertThat(jdbc.queryForObject("select status from accepted_event where event_id = ?", String.class, eventId))
                    .isEqualTo("WITHHELD");
        }
    }

    @Test
    void anUnknownPartnerIsRejectedAndNothingReachesTheCaseSystem() {
        String correlationId = "it-unknown-" + java.util.UUID.randomUUID();
        HttpResponse<String> response = http.post("/fhir/$process-message", "not-a-partner-key", "application/fhir+json",
                HealthBundles.bytes(HealthBundles.concern(Child.fresh(), "urgent", false)), correlationId);

        assertThat(response.statusCode()).isEqualTo(401);
        context.getBean(org.mashhub.hub.security.FailedPartnerKeys.class).auditBatch();
        assertThat(audited().queryForList("select action from audit_entry where correlation_id = ?", String.class, correlationId))
                .containsExactly("AUTHENTICATION_FAILED");
        assertThat(caseSystem.received()).noneMatch(r -> r.event().get("correlationId").asText().equals(correlationId));
    }

    @Test
    void aManagerReleasesOneWithheldEventWithAReasonAndRefusesAnotherBothAudited() {
        String released = withheldConcern();
        String refused = withheldConcern();

        assertThat(staff("POST", "/api/v1/sharing/withheld/" + released + "/release", "practitioner",
                "{\"reason\":\"I would like to\"}").statusCode()).isEqualTo(403);
        assertThat(staff("POST", "/api/v1/sharing/withheld/" + released + "/release", "manager", "{}").statusCode()).isEqualTo(409);
        HttpResponse<String> release = staff("POST", "/api/v1/sharing/withheld/" + released + "/release", "manager",
                "{\"reason\":\"Strategy discussion today: the GP's information is needed to protect the child\"}");
        HttpResponse<String> refuse = staff("POST", "/api/v1/sharing/withheld/" + refused + "/refuse", "manager",
                "{\"reason\":\"No safeguarding need outweighs the family's refusal\"}");

        assertThat(release.statusCode()).as(release.body()).isEqualTo(200);
        assertThat(refuse.statusCode()).as(refuse.body()).isEqualTo(200);
        JsonNode event = awaitOutcome(released, true).orElseThrow();
        awaitDelivered(released);
        assertThat(event.at("/sharing/decision").asText()).isEqualTo("SHARE_UNDER_OVERRIDE");
        assertThat(event.at("/sharing/rule").asText()).endsWith("/override.manager");
        assertThat(event.at("/sharing/override/reason").asText()).startsWith("Strategy discussion today");
        assertThat(event.at("/sharing/override/decidedBy").asText()).isEqualTo("staff:manager");
        assertThat(audited().queryForList("select action || ' ' || actor from audit_entry where event_id = ? order by seq", String.class,
                released)).contains("WITHHELD_RELEASED staff:manager").last().asString().startsWith("DELIVERED");
        assertThat(audited().queryForList("select action || ' ' || actor from audit_entry where event_id = ? order by seq", String.class,
                refused)).last().isEqualTo("WITHHELD_REFUSED staff:manager");
        assertThat(jdbc.queryForObject("select status from accepted_event where event_id = ?", String.class, refused)).isEqualTo("REFUSED");
        assertThat(staff("POST", "/api/v1/sharing/withheld/" + refused + "/release", "manager", "{\"reason\":\"again\"}").statusCode())
                .isEqualTo(409);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> held(refused).isEmpty());
    }

    @Test
    void afterAWithdrawalTheManagerSeesWhatWasSharedBefore() {
        Child child = Child.fresh();
        send(STRICT, HealthBundles.consent(child, "health.condition", "GIVEN"));
        String shared = send(STRICT, HealthBundles.concern(child, "urgent", false)).get(0);
        awaitOutcome(shared, true);
        awaitDelivered(shared);
        send(STRICT, HealthBundles.consent(child, "health.condition", "WITHDRAWN"));
        String hubChildId = jdbc.queryForObject("select hub_child_id from accepted_event where event_id = ?", String.class, shared);
        // Said again: no news for the case system.
        send(STRICT, HealthBundles.consent(child, "health.condition", "WITHDRAWN"));

        JsonNode withdrawals = PartnerHttpClient.json(staff("GET", "/api/v1/sharing/withdrawals", "manager", null));

        assertThat(withdrawals.findValuesAsText("event_id")).contains(shared);
        // The case system hears of the withdrawal once, after the event it already holds.
        SimulatedCaseSystem.Received notice = awaitNotices(hubChildId, "CONSENT_WITHDRAWN", 1).get(0);
        assertThat(notice.event().get("data").toString()).contains("\"partnerId\":\"health-strict\"",
                "\"category\":\"health.condition\"", "\"recordedBy\":\"partner:health-strict\"");
        assertThat(notice.childSequence()).isGreaterThan(caseSystemsCopy(shared).childSequence());
        assertThat(jdbc.queryForObject("select count(*) from accepted_event where hub_child_id = ? and kind = 'CONSENT_WITHDRAWN'",
                Integer.class, hubChildId)).isEqualTo(1);
    }

    @Test
    void aWithdrawalAManagerRecordsIsNewsForTheCaseSystem() {
        Child child = Child.fresh();
        String shared = send(STRICT, HealthBundles.concern(child, "urgent", false)).get(0);
        String hubChildId = jdbc.queryForObject("select hub_child_id from accepted_event where event_id = ?", String.class, shared);

        HttpResponse<String> recorded = staff("POST", "/api/v1/consent", "manager", "{\"hubChildId\":\"" + hubChildId
                + "\",\"partnerId\":\"health-strict\",\"category\":\"*\",\"state\":\"WITHDRAWN\",\"from\":\"2026-12-01\"}");

        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        JsonNode data = awaitNotices(hubChildId, "CONSENT_WITHDRAWN", 1).get(0).event().get("data");
        assertThat(data.get("category").asText()).isEqualTo("*");
        assertThat(data.get("from").asText()).isEqualTo("2026-12-01");
        assertThat(data.get("recordedBy").asText()).isEqualTo("staff:manager");
    }

    @Test
    void consentAManagerRecordsGovernsTheChildsNextEventsAndIsAudited() {
        Child child = Child.fresh();
        String before = send(STRICT, HealthBundles.concern(child, "urgent", false)).get(0);
        assertThat(awaitDecision(before)).startsWith("decision=WITHHOLD rule=consent.required-not-sought");
        String hubChildId = jdbc.queryForObject("select hub_child_id from accepted_event where event_id = ?", String.class, before);

        String recording = "{\"hubChildId\":\"" + hubChildId + "\",\"partnerId\":\"health-strict\",\"category\":\"health.condition\","
                + "\"state\":\"GIVEN\",\"note\":\"Mother agreed on the phone\"}";
        assertThat(staff("POST", "/api/v1/consent", "practitioner", recording).statusCode()).isEqualTo(403);
        HttpResponse<String> recorded = staff("POST", "/api/v1/consent", "manager", recording);
        String after = send(STRICT, HealthBundles.concern(child, "urgent", false)).get(0);

        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        assertThat(awaitDecision(after)).startsWith("decision=SHARE rule=consent.given");
        assertThat(awaitOutcome(after, true)).isPresent();
        assertThat(audited().queryForList("select actor from audit_entry where action = 'CONSENT_RECORDED' and hub_child_id = ?",
                String.class, hubChildId)).containsExactly("staff:manager");
        assertThat(held(before)).isEmpty();
    }

    @Test
    void theRetentionPurgeRemovesContentPastItsPeriodAndIsAudited() {
        Child child = Child.fresh();
        send(STRICT, HealthBundles.consent(child, "health.condition", "GIVEN"));
        String old = send(STRICT, HealthBundles.concern(child, "urgent", false)).get(0);
        jdbc.update("update accepted_event set accepted_at = accepted_at - interval '7' year where event_id = ?", old);

        HttpResponse<String> purge = staff("POST", "/api/v1/admin/retention/purge", "engineer", null);

        assertThat(purge.statusCode()).as(purge.body()).isEqualTo(200);
        assertThat(PartnerHttpClient.json(purge).get("eventPayloads").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForMap("select payload, purged_at from accepted_event where event_id = ?", old))
                .containsEntry("payload", null).extractingByKey("purged_at").isNotNull();
        assertThat(audited().queryForList("select actor from audit_entry where action = 'RETENTION_PURGED'", String.class))
                .contains("staff:engineer");
        // The case system hears which content went, to apply its own retention to its copy.
        String hubChildId = jdbc.queryForObject("select hub_child_id from accepted_event where event_id = ?", String.class, old);
        JsonNode data = awaitNotices(hubChildId, "RECORDS_PURGED", 1).get(0).event().get("data");
        assertThat(data.get("partnerId").asText()).isEqualTo("health-strict");
        assertThat(data.get("category").asText()).isEqualTo("health.condition");
        assertThat(data.get("retention").asText()).startsWith("P");
        assertThat(data.get("eventIds").toString()).isEqualTo("[\"" + old + "\"]");
    }

    // --- helpers

    private String withheldConcern() {
        Child child = Child.fresh();
        send(STRICT, HealthBundles.consent(child, "health.condition", "REFUSED"));
        String eventId = send(STRICT, HealthBundles.concern(child, "urgent", false)).get(0);
        awaitDecision(eventId);
        return eventId;
    }

    private static ObjectNode message(String message, Child child) {
        if (message.equals("attendance")) {
            return HealthBundles.about("message-emergency-attendance.json", child);
        }
        String[] parts = message.split(":");
        return HealthBundles.concern(child, parts[1], Boolean.parseBoolean(parts[2]));
    }

    /** Sends a FHIR message and returns the ids of the events it became. */
    private List<String> send(String key, ObjectNode bundle) {
        HttpResponse<String> response = http.post("/fhir/$process-message", key, "application/fhir+json", HealthBundles.bytes(bundle),
                null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return HealthBundles.eventIds(response);
    }

    private String awaitDecision(String eventId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !audited().queryForList(
                "select detail from audit_entry where event_id = ? and action = 'POLICY_DECIDED'", String.class, eventId).isEmpty());
        return audited().queryForObject("select detail from audit_entry where event_id = ? and action = 'POLICY_DECIDED'", String.class, eventId);
    }

    private Optional<JsonNode> awaitOutcome(String eventId, boolean delivered) {
        if (delivered) {
            await().atMost(Duration.ofSeconds(20)).until(() -> held(eventId).isPresent());
        }
        return held(eventId);
    }

    private SimulatedCaseSystem.Received caseSystemsCopy(String eventId) {
        return caseSystem.received().stream().filter(r -> r.idempotencyKey().equals(eventId)).findFirst().orElseThrow();
    }

    private Optional<JsonNode> held(String eventId) {
        return caseSystem.received().stream().filter(r -> r.idempotencyKey().equals(eventId))
                .map(SimulatedCaseSystem.Received::event).findFirst();
    }

    private HttpResponse<String> staff(String method, String path, String user, String body) {
        return method.equals("GET") ? http.getAsStaff(path, user, "test-" + user) : http.postAsStaff(path, user, "test-" + user, body);
    }
}
