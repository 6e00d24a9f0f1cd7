package org.mashhub.hub.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mashhub.hub.testsupport.PartnerHttpClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.testsupport.HealthBundles;
import org.mashhub.hub.testsupport.HousingExamples;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.mashhub.hub.testsupport.PartnerHttpClient;

/**
 * The MASH workflow through its API, against PostgreSQL: one row per incident per household with copies folded,
 * allocation, a decision with every problem listed, undo, a manager's sign-off, and no decision on what the person
 * cannot read.
 */
class TriageIT extends HubIntegrationTest {

    @Test
    void aHouseholdsReferralIsOneRowWithBothChildrenAndAResentCopyFoldsIntoIt() {
        String family = family();
        ObjectNode eviction = eviction(family);
        List<String> first = send(eviction);
        eviction.put("messageId", "IT-" + UUID.randomUUID()); // the district council's system sends it again as a new message
        List<String> second = send(eviction);
        assertThat(first).hasSize(2);
        assertThat(second).doesNotContainAnyElementsOf(first);

        JsonNode row = rowFor(first.get(0), "agency=housing");
        assertThat(row.get("eventIds")).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(concat(first, second));
        assertThat(row.get("sentTimes").asInt()).isEqualTo(2);
        assertThat(row.get("children")).extracting(c -> c.get("name").asText())
                .containsExactlyInAnyOrder("Ruby " + family, "Finn " + family);
        assertThat(row.get("children")).allSatisfy(c -> assertThat(c.get("age").asInt()).isBetween(4, 10));
        assertThat(row.get("rag").asText()).isEqualTo("AMBER");
        assertThat(row.get("locality").asText()).isEqualTo("North Devon");
        assertThat(row.get("summary").asText()).contains("eviction");
        assertThat(row.at("/detail/narrative").asText()).contains("heard shouting");
        assertThat(row.at("/detail/referrer").asText()).contains("Tenancy Sustainment Officer");
        // Another agency's filter does not show it.
        assertThat(json(staffGet("/api/v1/referrals?agency=police")).findValuesAsText("id")).doesNotContain(row.get("id").asText());
    }

    /** The force's system sends one incident again under a new PPN reference: one row, "sent 2 times", RED first. */
    @Test
    void aPoliceIncidentSentAgainUnderANewReferenceIsOneRow() throws Exception {
        String run = UUID.randomUUID().toString();
        String lily = "IT-" + UUID.randomUUID();
        String theo = "IT-" + UUID.randomUUID();
        String family = family(); // other tests send the example's children, from other clients: copies of this incident too
        java.time.LocalDate born = HousingExamples.distinctBirthDate();
        List<String> first = sendPolice("PPN-A-" + run, lily, theo, family, born);
        List<String> second = sendPolice("PPN-B-" + run, lily, theo, family, born);
        JsonNode row = rowFor(first.get(0), "agency=police");
        assertThat(row.get("eventIds")).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(concat(first, second));
        assertThat(row.get("sentTimes").asInt()).isEqualTo(2);
        assertThat(row.get("rag").asText()).isEqualTo("RED");
        assertThat(row.get("children")).hasSize(2);
    }

    @Test
    void aDecisionNamesItsOutcomeAndWhyAndCanBeUndoneByWhoeverMadeItOnly() {
        List<String> events = send(eviction(family()));
        String ruby = events.get(0);

        HttpResponse<String> nothing = staffPost("/api/v1/referrals/" + ruby + "/decision", "practitioner", "{}");
        assertThat(nothing.statusCode()).isEqualTo(422);
        assertThat(nothing.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(json(nothing).get("errors")).extracting(e -> e.get("pointer").asText()).containsExactly("/outcome", "/rationale");
        assertThat(staffPost("/api/v1/referrals/" + ruby + "/decision", "practitioner",
                "{\"outcome\":\"SEND_A_LETTER\",\"rationale\":\"x\"}").body()).contains("is not an outcome");
        assertThat(staffPost("/api/v1/referrals/" + UUID.randomUUID() + "/decision", "practitioner", decision("EARLY_HELP"))
                .statusCode()).isEqualTo(404);
        // A team tool's mistakes, each named: fields of the wrong type; a body that is not JSON; a filter that means nothing.
        HttpResponse<String> wrongTypes = staffPost("/api/v1/referrals/" + ruby + "/decision", "practitioner",
                "{\"outcome\": 5, \"rationale\": [\"x\"]}");
        assertThat(wrongTypes.statusCode()).isEqualTo(422);
        assertThat(json(wrongTypes).get("errors")).extracting(e -> e.get("pointer").asText() + " " + e.get("detail").asText())
                .containsExactly("/outcome must be text, not number", "/rationale must be text, not array");
        HttpResponse<String> notJson = staffPost("/api/v1/referrals/" + ruby + "/decision", "practitioner", "{\"outcome\":");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).get("detail").asText()).contains("not readable JSON");
        assertThat(json(staffGet("/api/v1/referrals?rag=PURPLE&page=0")).get("errors")).extracting(e -> e.get("pointer").asText())
                .containsExactly("rag", "page");

        HttpResponse<String> decided = staffPost("/api/v1/referrals/" + ruby + "/decision", "practitioner", decision("EARLY_HELP"));
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(201);
        assertThat(json(decided).at("/decision/outcome").asText()).isEqualTo("EARLY_HELP");
        assertThat(json(decided).at("/decision/needsSignOff").asBoolean()).isFalse();
        assertThat(staffPost("/api/v1/referrals/" + ruby + "/decision", "practitioner", decision("EARLY_HELP")).statusCode())
                .isEqualTo(409);
        // The row stays while its other child waits; that child is the one still undecided.
        JsonNode row = rowFor(events.get(1), "");
        assertThat(row.get("children")).filteredOn(c -> !c.get("decision").isNull()).extracting(c -> c.get("eventId").asText())
                .containsExactly(ruby);

        assertThat(http.deleteAsStaff("/api/v1/referrals/" + ruby + "/decision", "manager", "test-manager").statusCode()).isEqualTo(403);
        assertThat(http.deleteAsStaff("/api/v1/referrals/" + ruby + "/decision", "practitioner", "test-practitioner").statusCode())
                .isEqualTo(204);
        assertThat(staffGet("/api/v1/referrals/" + ruby + "/decision").statusCode()).isEqualTo(404);
        assertThat(audited().queryForList("select action || ' ' || coalesce(detail, '') from audit_entry where event_id = ? "
                + "and action like 'MASH%' order by seq", String.class, ruby))
                .hasSize(2).first().asString().startsWith("MASH_DECIDED outcome=EARLY_HELP");
        assertThat(audited().queryForList("select detail from audit_entry where event_id = ? and action like 'MASH%'", String.class, ruby))
                .noneMatch(d -> d.contains("Needs met")); // the rationale is narrative: kept with the decision, not in the audit
    }

    @Test
    void noFurtherActionByAPractitionerWaitsForAManagersSignOff() {
        List<String> events = send(eviction(family()));
        String finn = events.get(1);
        JsonNode decided = json(staffPost("/api/v1/referrals/" + finn + "/decision", "practitioner", decision("NO_FURTHER_ACTION")));
        assertThat(decided.at("/decision/needsSignOff").asBoolean()).isTrue();
        assertThat(staffPost("/api/v1/referrals/" + finn + "/decision/sign-off", "practitioner", null).statusCode()).isEqualTo(403);

        HttpResponse<String> signed = staffPost("/api/v1/referrals/" + finn + "/decision/sign-off", "manager", null);
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        assertThat(json(signed).at("/decision/signedOffBy").asText()).isEqualTo("staff:manager");
        assertThat(staffPost("/api/v1/referrals/" + finn + "/decision/sign-off", "manager", null).statusCode()).isEqualTo(409);
        // Signed off: no longer the practitioner's to undo.
        assertThat(http.deleteAsStaff("/api/v1/referrals/" + finn + "/decision", "practitioner", "test-practitioner").statusCode())
                .isEqualTo(409);

        // A manager's own decision needs nobody else's.
        String ruby = events.get(0);
        assertThat(json(staffPost("/api/v1/referrals/" + ruby + "/decision", "manager", decision("NO_FURTHER_ACTION")))
                .at("/decision/needsSignOff").asBoolean()).isFalse();
    }

    /**
     * A decision goes to the case system as one MASH_DECISION event once it can no longer be undone, and, where it needs a
     * manager, once signed off; never before. (The test moves the decisions' time past the 10-minute undo window.)
     */
    @Test
    void aFinalDecisionReachesTheCaseSystemOnceAndOnlyWhenFinal() {
        List<String> events = send(eviction(family()));
        String ruby = events.get(0);
        String finn = events.get(1);
        String early = json(staffPost("/api/v1/referrals/" + ruby + "/decision", "practitioner", decision("EARLY_HELP")))
                .at("/decision/decisionId").asText();
        String nfa = json(staffPost("/api/v1/referrals/" + finn + "/decision", "practitioner", decision("NO_FURTHER_ACTION")))
                .at("/decision/decisionId").asText();

        jdbc.update("update mash_decision set decided_at = decided_at - interval '11 minutes' where decision_id in (?, ?)", early, nfa);
        JsonNode sent = await().atMost(Duration.ofSeconds(20)).until(() -> decisionEvent(early), java.util.Objects::nonNull);
        assertThat(sent.get("recordType").asText()).isEqualTo("MASH_DECISION");
        assertThat(sent.at("/data/outcome").asText()).isEqualTo("EARLY_HELP");
        assertThat(sent.at("/data/referralEventIds/0").asText()).isEqualTo(ruby);
        assertThat(sent.at("/data/rationale").asText()).contains("early help");
        assertThat(sent.at("/child/hubChildId").asText()).isEqualTo(jdbc.queryForObject(
                "select hub_child_id from accepted_event where event_id = ?", String.class, ruby));
        assertThat(sent.at("/source/partnerId").asText()).isEqualTo("mash-hub");
        assertThat(sent.at("/sharing/rule").asText()).isEqualTo("council.own-record");
        assertThat(decisionEvent(nfa)).as("waits for the manager's sign-off").isNull();

        assertThat(staffPost("/api/v1/referrals/" + finn + "/decision/sign-off", "manager", null).statusCode()).isEqualTo(200);
        JsonNode signedOff = await().atMost(Duration.ofSeconds(20)).until(() -> decisionEvent(nfa), java.util.Objects::nonNull);
        assertThat(signedOff.at("/data/signedOffBy").asText()).isEqualTo("staff:manager");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> caseSystem.received().stream()
                .filter(r -> early.equals(r.event().at("/data/decisionId").asText())).count() == 1);
        assertThat(json(staffGet("/api/v1/referrals/" + ruby + "/decision")).at("/decision/sentEventId").asText()).isNotBlank();
    }

    /**
     * The referrer hears the outcome, once, through its pull channel, with its own message id and the child as it
     * described the child; no other partner sees it, and another partner's key cannot acknowledge it.
     */
    @Test
    void theReferrerHearsTheOutcomeAndNoOtherPartnerDoes() {
        String ruby = send(eviction(family())).get(0);
        String partnerMessageId = jdbc.queryForObject("select m.partner_message_id from accepted_event a join inbound_message m "
                + "on m.hub_message_id = a.hub_message_id where a.event_id = ?", String.class, ruby);
        String decisionId = json(staffPost("/api/v1/referrals/" + ruby + "/decision", "practitioner", decision("EARLY_HELP")))
                .at("/decision/decisionId").asText();
        assertThat(outcomeFor(PartnerHttpClient.HOUSING_KEY, ruby)).as("not before the decision is final").isNull();

        jdbc.update("update mash_decision set decided_at = decided_at - interval '11 minutes' where decision_id = ?", decisionId);
        await().atMost(Duration.ofSeconds(20)).until(() -> decisionEvent(decisionId) != null);
        JsonNode told = outcomeFor(PartnerHttpClient.HOUSING_KEY, ruby);

        assertThat(told).as("the referrer's notification").isNotNull();
        assertThat(told.at("/about/partnerMessageId").asText()).isEqualTo(partnerMessageId);
        assertThat(told.at("/body/outcome").asText()).isEqualTo("EARLY_HELP");
        assertThat(told.at("/body/outcomeText").asText()).isEqualTo("Early help");
        assertThat(told.at("/child/name/given").asText()).isEqualTo("Ruby");
        assertThat(told.toString()).doesNotContain("early help assessment with the family"); // the rationale stays with the MASH
        for (String otherKey : List.of(PartnerHttpClient.OTHER_HOUSING_KEY, PartnerHttpClient.POLICE_KEY, PartnerHttpClient.SCHOOL_KEY)) {
            assertThat(outcomeFor(otherKey, ruby)).as(otherKey).isNull();
            assertThat(http.postWithHeaders(NOTIFICATIONS + "/" + told.get("id").asText() + "/ack", otherKey, new byte[0]).statusCode())
                    .isEqualTo(404);
        }
        HttpResponse<String> acknowledged = http.postWithHeaders(NOTIFICATIONS + "/" + told.get("id").asText() + "/ack",
                PartnerHttpClient.HOUSING_KEY, new byte[0]);
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
        assertThat(json(acknowledged).get("status").asText()).isEqualTo("DELIVERED");
        assertThat(outcomeFor(PartnerHttpClient.HOUSING_KEY, ruby)).as("not offered again once acknowledged").isNull();
        assertThat(http.postWithHeaders(NOTIFICATIONS + "/" + told.get("id").asText() + "/ack", PartnerHttpClient.HOUSING_KEY,
                new byte[0]).statusCode()).as("acknowledged again: the same").isEqualTo(200);
        assertThat(audited().queryForList("select action from audit_entry where event_id = ? and action like 'NOTIFICATION%' order by seq",
                String.class, ruby)).containsExactly("NOTIFICATION_MADE", "NOTIFICATION_DELIVERED");
    }

    /** The case system reports an outcome it decided, with its own key: the referrer hears it once, in plain words. */
    @Test
    void theCaseSystemReportsAnOutcomeAndTheReferrerHearsIt() {
        List<String> referrals = send(eviction(family()));
        String messageId = jdbc.queryForObject("select m.partner_message_id from accepted_event a join inbound_message m "
                + "on m.hub_message_id = a.hub_message_id where a.event_id = ?", String.class, referrals.get(0));
        String report = "{\"partnerMessageId\":\"" + messageId + "\",\"outcome\":\"STRATEGY_DISCUSSION\","
                + "\"decidedAt\":\"2026-11-21T15:00:00Z\",\"contact\":\"Duty team, 01392 000003\"}";

        assertThat(caseSystemReport(null, report).statusCode()).isEqualTo(401);
        assertThat(caseSystemReport(PartnerHttpClient.HOUSING_KEY, report).statusCode()).as("a partner's key").isEqualTo(401);
        HttpResponse<String> bad = caseSystemReport(CASE_SYSTEM_KEY, "{\"outcome\":\"SENT_TO_THE_MOON\"}");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(json(bad).findValuesAsText("pointer")).containsExactlyInAnyOrder("/eventId", "/outcome");
        HttpResponse<String> reported = caseSystemReport(CASE_SYSTEM_KEY, report);
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(200);
        HttpResponse<String> again = caseSystemReport(CASE_SYSTEM_KEY, report);
        HttpResponse<String> other = caseSystemReport(CASE_SYSTEM_KEY, report.replace("STRATEGY_DISCUSSION", "EARLY_HELP"));

        assertThat(json(reported).findValuesAsText("partnerId")).containsOnly("housing-test").hasSize(2); // one per child
        assertThat(json(again).findValuesAsText("notificationId")).isEqualTo(json(reported).findValuesAsText("notificationId"));
        assertThat(other.statusCode()).isEqualTo(409);
        JsonNode told = outcomeFor(PartnerHttpClient.HOUSING_KEY, referrals.get(0));
        assertThat(told.at("/body/outcomeText").asText()).isEqualTo("Strategy discussion");
        assertThat(told.at("/body/contact").asText()).isEqualTo("Duty team, 01392 000003");
        assertThat(told.at("/about/partnerMessageId").asText()).isEqualTo(messageId);
        assertThat(outcomeFor(PartnerHttpClient.OTHER_HOUSING_KEY, referrals.get(0))).isNull();
    }

    private static final String CASE_SYSTEM_KEY = "test-case-system-key";

    private HttpResponse<String> caseSystemReport(String key, String body) {
        return http.post("/api/v1/case-system/outcomes", key, "application/json", body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                null);
    }

    private static final String NOTIFICATIONS = "/api/v1/partner/notifications";

    private JsonNode outcomeFor(String key, String referralEventId) {
        return http.notificationFor(key, "REFERRAL_OUTCOME", referralEventId);
    }

    /** The MASH_DECISION event the case system received for this decision, or null. */
    private JsonNode decisionEvent(String decisionId) {
        return caseSystem.received().stream().map(r -> r.event())
                .filter(e -> decisionId.equals(e.at("/data/decisionId").asText())).findFirst().orElse(null);
    }

    @Test
    void aPractitionerTakesAReferralAndOnlyAManagerGivesOneToSomeoneElse() {
        List<String> events = send(eviction(family()));
        String id = events.get(0);
        assertThat(staffPost("/api/v1/referrals/" + id + "/allocation", "practitioner", "{\"to\":\"staff:manager\"}").statusCode())
                .isEqualTo(403);
        assertThat(staffPost("/api/v1/referrals/" + id + "/allocation", "practitioner", "{\"to\":\"staff:practitioner\"}").statusCode())
                .isEqualTo(204);
        assertThat(rowFor(id, "mine=true").get("allocatedTo").asText()).isEqualTo("staff:practitioner");
        assertThat(staffPost("/api/v1/referrals/" + id + "/allocation", "manager", "{\"to\":\"staff:manager\"}").statusCode())
                .isEqualTo(204);
        assertThat(json(staffGet("/api/v1/referrals?mine=true")).findValuesAsText("id")).doesNotContain(id);
        assertThat(audited().queryForList("select detail from audit_entry where action = 'REFERRAL_ALLOCATED' and event_id = ? order by seq",
                String.class, id)).containsExactly("to staff:practitioner", "to staff:manager");
    }

    @Test
    void nobodyDecidesOnAReferralTheyCannotRead() {
        HealthBundles.Child child = HealthBundles.Child.fresh();
        http.post("/fhir/$process-message", "test-health-strict-key", "application/fhir+json",
                HealthBundles.bytes(HealthBundles.consent(child, "health.condition", "REFUSED")), null);
        HttpResponse<String> sent = http.post("/fhir/$process-message", "test-health-strict-key", "application/fhir+json",
                HealthBundles.bytes(HealthBundles.concern(child, "urgent", false)), null);
        String withheld = HealthBundles.eventIds(sent).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> !jdbc.queryForList(
                "select 1 from withheld_event where event_id = ? and status = 'HELD'", withheld).isEmpty());

        JsonNode row = rowFor(withheld, "");
        assertThat(row.get("summary").isNull()).isTrue();
        assertThat(row.get("unreadable").asText()).isEqualTo("Withheld: waiting for a manager");
        assertThat(row.get("detail").isNull()).isTrue();
        HttpResponse<String> refused = staffPost("/api/v1/referrals/" + withheld + "/decision", "manager", decision("EARLY_HELP"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("cannot read");
        assertThat(jdbc.queryForList("select 1 from mash_decision where event_id = ?", withheld)).isEmpty();
    }

    // --- helpers

    private static String family() {
        return "Triage" + org.mashhub.hub.testsupport.TestNames.letters(6);
    }

    /** The housing example's eviction with a safeguarding concern: one message, two children, under a new family name. */
    private static ObjectNode eviction(String family) {
        ObjectNode json = HousingExamples.fresh("eviction-notice-with-safeguarding-concern.json", "housing-test");
        for (JsonNode member : (ArrayNode) json.at("/household/members")) {
            ((ObjectNode) member).put("familyName", family).remove(List.of("nhsNumber", "otherNames"));
        }
        json.put("caseReference", "IT/" + UUID.randomUUID()); // the council's reference and member id identify the people
        java.time.LocalDate born = HousingExamples.distinctBirthDate();
        ((ObjectNode) json.at("/household/members/2")).put("birthDate", born.toString());
        ((ObjectNode) json.at("/household/members/3")).put("birthDate", born.plusYears(3).toString());
        return json;
    }

    /** Sends it; the referral events it became (one per child), once each is past the sharing policy. */
    private List<String> send(ObjectNode notification) {
        HttpResponse<String> response = http.postHousing(PartnerHttpClient.HOUSING_KEY, HousingExamples.bytes(notification));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String hubMessageId = json(response).get("receipt").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("select count(*) from accepted_event where hub_message_id = ? "
                + "and event_type = 'ReferralEvent' and sharing_decision is null", Integer.class, hubMessageId) == 0);
        return jdbc.queryForList("select event_id from accepted_event where hub_message_id = ? and event_type = 'ReferralEvent' "
                + "order by event_index", String.class, hubMessageId);
    }

    /** The police example notice (two children) under this reference, naming the children by the force's own ids. */
    private List<String> sendPolice(String reference, String firstChild, String secondChild, String family, java.time.LocalDate born)
            throws Exception {
        String notice = java.nio.file.Files.readString(java.nio.file.Path.of("..", "schemas", "police", "examples",
                        "domestic-abuse-two-children.xml")).replaceFirst("<\\?xml[^>]*\\?>\\s*", "")
                .replace("PPN-DC-2026-004512", reference).replace("DC-N-778102", firstChild).replace("DC-N-778103", secondChild)
                .replace("Madeupson", family).replace("2015-04-19", born.toString()).replace("2022-08-02", born.plusYears(7).toString());
        HttpResponse<String> response = http.postPoliceNotice(PartnerHttpClient.POLICE_KEY, notice);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String receipt = PartnerHttpClient.policeReceipt(response);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("select count(*) from accepted_event where hub_message_id = ? "
                + "and event_type = 'ReferralEvent' and sharing_decision is null", Integer.class, receipt) == 0);
        return jdbc.queryForList("select event_id from accepted_event where hub_message_id = ? and event_type = 'ReferralEvent' "
                + "order by event_index", String.class, receipt);
    }

    /** The inbox row holding this referral, through the API with these filters, page by page. */
    private JsonNode rowFor(String eventId, String filters) {
        JsonNode page;
        int number = 1;
        do {
            page = json(staffGet("/api/v1/referrals?" + filters + "&page=" + number));
            for (JsonNode row : page.get("rows")) {
                for (JsonNode id : row.get("eventIds")) {
                    if (id.asText().equals(eventId)) {
                        return row;
                    }
                }
            }
        } while (number++ < page.get("pages").asInt());
        throw new AssertionError("no inbox row holds " + eventId + " on any of " + page.get("pages") + " pages");
    }

    private static String decision(String outcome) {
        return "{\"outcome\":\"" + outcome + "\",\"rationale\":\"Needs met by an early help assessment with the family's agreement.\"}";
    }

    private HttpResponse<String> staffGet(String path) {
        return http.getAsStaff(path, "practitioner", "test-practitioner");
    }

    private HttpResponse<String> staffPost(String path, String user, String json) {
        return http.postAsStaff(path, user, "test-" + user, json);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
