package org.mashhub.hub.enquiries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mashhub.hub.testsupport.PartnerHttpClient.json;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Holder;
import jakarta.xml.ws.handler.MessageContext;
import java.util.Map;
import javax.xml.datatype.XMLGregorianCalendar;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StringType;
import org.mashhub.adapters.health.HealthFhir;
import org.mashhub.hub.casesystem.SimulatedCaseSystem;
import org.mashhub.schemas.JsonContract;
import org.mashhub.schemas.police.service.NoticeRefused;
import org.mashhub.schemas.police.service.PublicProtectionNoticePort;
import org.mashhub.schemas.police.service.PublicProtectionNoticeService;
import org.springframework.beans.factory.annotation.Autowired;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.testsupport.HousingExamples;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.mashhub.hub.testsupport.PartnerHttpClient;
import org.mashhub.hub.testsupport.TestNames;

/**
 * Partner checks: staff ask partners what they know about a child; each partner pulls its own request, naming the child
 * as it knows the child, and answers it with its key over REST, a FHIR message (HAPI's client) or SOAP (the WSDL's
 * client); "nothing known" is an answer; a partner cannot answer another's request; a late answer is marked late.
 */
class EnquiriesIT extends HubIntegrationTest {

    static final String HEALTH_KEY = "test-health-key";

    @Autowired
    HealthFhir fhir;

    @Autowired
    Enquiries enquiries;

    @Autowired
    SimulatedCaseSystem caseSystem;

    @Test
    void eachPartnerIsAskedAboutTheChildAsItKnowsTheChildAndAnswersOnlyItsOwnRequest() throws Exception {
        String family = "Enquiry" + TestNames.letters(6);
        String reference = "PPN-Q-" + UUID.randomUUID();
        String child = childKnownToThePolice(reference, family, HousingExamples.distinctBirthDate());

        HttpResponse<String> raised = raise("{\"hubChildId\":\"" + child + "\",\"partners\":[\"police-test\",\"housing-test\",\"housing-other\"],"
                + "\"rag\":\"RED\",\"question\":\"What do you hold about the child and the adults at the address?\","
                + "\"lawfulBasis\":[\"UK-GDPR-6-1-e\"]}");
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(201);
        JsonNode enquiry = json(raised);
        assertThat(enquiry.get("requests").findValuesAsText("partnerId")).containsExactlyInAnyOrder("police-test", "housing-test");
        assertThat(enquiry.at("/notAsked/0/partnerId").asText()).as("its agreement has no outbound information-request").isEqualTo("housing-other");
        assertThat(Duration.between(Instant.parse(enquiry.get("raisedAt").asText()), Instant.parse(enquiry.at("/requests/0/dueAt").asText())))
                .as("RED: four clock hours").isBetween(Duration.ofHours(4).minusSeconds(1), Duration.ofHours(4));
        String policeRequest = requestOf(enquiry, "police-test");
        String housingRequest = requestOf(enquiry, "housing-test");

        JsonNode toPolice = requestFor(PartnerHttpClient.POLICE_KEY, policeRequest);
        assertThat(Instant.parse(toPolice.get("dueBy").asText())).isEqualTo(Instant.parse(enquiry.at("/requests/0/dueAt").asText()));
        assertThat(toPolice.at("/body/question").asText()).startsWith("What do you hold");
        assertThat(toPolice.at("/body/rag").asText()).isEqualTo("RED");
        assertThat(toPolice.at("/child/name/family").asText()).isEqualTo(family);
        assertThat(toPolice.at("/about/reference").asText()).as("the police's own reference").isEqualTo(reference);
        assertThat(toPolice.at("/child/identifiers").findValuesAsText("system")).isNotEmpty()
                .allMatch(s -> s.startsWith("urn:mash-hub:id:partner:police-test:"));
        JsonNode toHousing = requestFor(PartnerHttpClient.HOUSING_KEY, housingRequest);
        assertThat(toHousing.at("/child/name/family").asText()).as("as the police wrote it: housing never sent one").isEqualTo(family);
        assertThat(toHousing.toString()).doesNotContain("police-test", reference);
        assertThat(requestFor(PartnerHttpClient.HOUSING_KEY, policeRequest)).as("another partner's request is not offered").isNull();

        // Housing answering the police's request: refused, audited, and the request still waits for the police.
        assertThat(answer(PartnerHttpClient.HOUSING_KEY, policeRequest, "{\"nothingKnown\":true}").statusCode()).isEqualTo(404);
        assertThat(audited().queryForList("select actor from audit_entry where action = 'ENQUIRY_ANSWER_REFUSED' and detail like ?",
                String.class, "request=" + policeRequest + "%")).containsExactly("partner:housing-test");

        String said = "{\"nothingKnown\":false,\"summary\":\"Two call-outs to the address this year; the father is on bail.\"}";
        HttpResponse<String> answered = answer(PartnerHttpClient.POLICE_KEY, policeRequest, said);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(json(answered).get("late").asBoolean()).isFalse();
        assertThat(answer(PartnerHttpClient.HOUSING_KEY, housingRequest, "{\"nothingKnown\":true}").statusCode()).isEqualTo(200);
        assertThat(answer(PartnerHttpClient.POLICE_KEY, policeRequest, said).statusCode()).as("the same again").isEqualTo(200);
        assertThat(answer(PartnerHttpClient.POLICE_KEY, policeRequest, "{\"nothingKnown\":true}").statusCode()).as("another answer")
                .isEqualTo(409);

        // Each answer is partner information like any other: an event from the partner, through the sharing policy to the
        // case system, in the child's sequence, once however often the partner sends the same answer.
        await().atMost(Duration.ofSeconds(30)).until(() -> answersDelivered(policeRequest).size() == 1 && answersDelivered(housingRequest).size() == 1);
        JsonNode delivered = answersDelivered(policeRequest).get(0).event();
        assertThat(delivered.at("/source/partnerId").asText()).isEqualTo("police-test");
        assertThat(delivered.at("/child/hubChildId").asText()).isEqualTo(child);
        assertThat(delivered.at("/answer/summary").asText()).startsWith("Two call-outs");
        assertThat(delivered.at("/answer/late").asBoolean()).isFalse();
        assertThat(delivered.at("/enquiry/question").asText()).startsWith("What do you hold");
        assertThat(delivered.at("/dataCategories/0").asText()).isEqualTo("police.intelligence");
        assertThat(delivered.at("/sharing/decision").asText()).startsWith("SHARE");
        assertThat(answersDelivered(policeRequest).get(0).childSequence()).isNotNull();
        assertThat(JsonContract.PARTNER_ANSWER_EVENT_V1.validate(delivered)).as("as the case system's contract has it").isEmpty();
        assertThat(answersDelivered(housingRequest).get(0).event().at("/answer/nothingKnown").asBoolean()).isTrue();

        JsonNode now = json(http.getAsStaff("/api/v1/enquiries/" + enquiry.get("id").asText(), "practitioner", "test-practitioner"));
        assertThat(now.get("requests").findValuesAsText("status")).containsOnly("ANSWERED");
        JsonNode police = now.get("requests").get(0).get("partnerId").asText().equals("police-test") ? now.at("/requests/0") : now.at("/requests/1");
        assertThat(police.get("summary").asText()).startsWith("Two call-outs");
        assertThat(police.get("nothingKnown").asBoolean()).isFalse();
        assertThat(requestFor(PartnerHttpClient.POLICE_KEY, policeRequest)).as("answered: not offered again").isNull();
        assertThat(http.getAsStaff("/api/v1/enquiries/" + enquiry.get("id").asText(), "auditor", "test-auditor").statusCode()).isEqualTo(403);
        assertThat(audited().queryForObject("select count(*) from audit_entry where action = 'ENQUIRY_ANSWERED' and hub_child_id = ?",
                Integer.class, child)).isEqualTo(2);
    }

    @Test
    void anAnswerAfterTheDueTimeIsLateAndABadEnquiryIsRefusedWithEveryProblem() throws Exception {
        String child = aChildKnownToThePolice();
        JsonNode enquiry = ask(child, "agencies", "police", "GREEN", "Anything known?", "UK-GDPR-6-1-e");
        String request = requestOf(enquiry, "police-test");
        jdbc.update("update enquiry_request set due_at = due_at - interval '73 hours' where request_id = ?", request);
        JsonNode waiting = json(http.getAsStaff("/api/v1/enquiries/" + enquiry.get("id").asText(), "manager", "test-manager"));
        assertThat(waiting.at("/requests/0/overdue").asBoolean()).isTrue();
        JsonNode waitingForPartners = json(http.getAsStaff("/api/v1/enquiries", "manager", "test-manager"));
        assertThat(waitingForPartners.get("overdue").asInt()).isPositive();
        assertThat(waitingForPartners.get("waiting").findValuesAsText("requestId")).contains(request);
        assertThat(waitingForPartners.at("/waiting/0/overdue").asBoolean()).as("the overdue first").isTrue();

        HttpResponse<String> answered = answer(PartnerHttpClient.POLICE_KEY, request, "{\"nothingKnown\":true}");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(json(answered).get("late").asBoolean()).isTrue();
        assertThat(json(http.getAsStaff("/api/v1/enquiries", "manager", "test-manager")).get("waiting").findValuesAsText("requestId"))
                .as("answered: no longer waited for").doesNotContain(request);
        assertThat(json(answered).get("nothingKnown").asBoolean()).isTrue();

        HttpResponse<String> bad = raise("{\"hubChildId\":\"no-such-child\",\"partners\":[\"ghost\"],\"rag\":\"PURPLE\",\"question\":\" \","
                + "\"lawfulBasis\":[\"because\"]}");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(bad).get("errors").findValuesAsText("pointer"))
                .containsExactlyInAnyOrder("/hubChildId", "/rag", "/question", "/lawfulBasis", "/partners");
        assertThat(answer(PartnerHttpClient.POLICE_KEY, request, "{\"summary\":\"" + "x".repeat(2001) + "\"}").statusCode()).isEqualTo(422);
        assertThat(answer(PartnerHttpClient.POLICE_KEY, request, "not json").statusCode()).isEqualTo(422);
        assertThat(answer(PartnerHttpClient.POLICE_KEY, request, "{\"nothingKnown\":true,\"detail\":\"" + "x".repeat(70_000) + "\"}")
                .statusCode()).isEqualTo(413);
    }

    /**
     * The clock: at three quarters of its time a request still unanswered is sent again as a reminder, once; past its due
     * time it is marked overdue and audited, once; the answer takes the reminder off the partner's list too.
     */
    @Test
    void aPartnerIsRemindedAtThreeQuartersOfItsTimeAndAnUnansweredRequestBecomesOverdue() throws Exception {
        String child = aChildKnownToThePolice();
        JsonNode enquiry = ask(child, "partners", "police-test", "GREEN", "Anything known?", "UK-GDPR-6-1-e");
        String request = requestOf(enquiry, "police-test");
        assertThat(reminderFor(request)).as("not yet: the request is new").isNull();

        // 60 of its 72 hours gone: past three quarters, not yet due.
        jdbc.update("update enquiry set raised_at = raised_at - interval '60 hours' where enquiry_id = ?", enquiry.get("id").asText());
        jdbc.update("update enquiry_request set due_at = due_at - interval '60 hours' where request_id = ?", request);
        JsonNode reminder = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> reminderFor(request),
                java.util.Objects::nonNull);
        assertThat(reminder.at("/body/question").asText()).isEqualTo("Anything known?");
        assertThat(Instant.parse(reminder.get("dueBy").asText())).as("the request's due time").isEqualTo(Instant.parse(json(http.getAsStaff(
                "/api/v1/enquiries/" + enquiry.get("id").asText(), "practitioner", "test-practitioner")).at("/requests/0/dueAt").asText()));

        jdbc.update("update enquiry_request set due_at = due_at - interval '13 hours' where request_id = ?", request);
        String overdue = "select count(*) from audit_entry where action = 'ENQUIRY_OVERDUE' and detail like ?";
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> audited().queryForObject(overdue, Integer.class,
                "request=" + request + "%") == 1);
        // The next ticks change nothing: one reminder, one overdue entry.
        org.awaitility.Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                audited().queryForObject(overdue, Integer.class, "request=" + request + "%") == 1
                        && jdbc.queryForObject("select count(*) from partner_notification where about_request_id = ?", Integer.class, request) == 2);

        assertThat(answer(PartnerHttpClient.POLICE_KEY, request, "{\"nothingKnown\":true}").statusCode()).isEqualTo(200);
        assertThat(reminderFor(request)).as("answered: the reminder is not offered either").isNull();
    }

    @Test
    void aHealthPartnerAnswersWithAFhirMessageAndAForceWithRespondToEnquiry() throws Exception {
        String child = aChildKnownToThePolice();
        JsonNode enquiry = ask(child, "agencies", "police,health", "AMBER", "Is the child known to you?", "UK-GDPR-6-1-e,UK-GDPR-9-2-h");
        String healthRequest = requestOf(enquiry, "health-test");
        String policeRequest = requestOf(enquiry, "police-test");
        JsonNode toHealth = requestFor(HEALTH_KEY, healthRequest);
        assertThat(toHealth).as("health pulls its request").isNotNull();

        // The MASH may decide before every partner has answered: the decision says whose answers were missing.
        String referral = jdbc.queryForObject("select event_id from accepted_event where hub_child_id = ? and event_type = 'ReferralEvent' "
                + "order by accepted_at limit 1", String.class, child);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("select count(*) from accepted_event where event_id = ? "
                + "and sharing_decision is not null", Integer.class, referral) == 1);
        HttpResponse<String> decided = http.postAsStaff("/api/v1/referrals/" + referral + "/decision", "practitioner", "test-practitioner",
                "{\"outcome\":\"NO_FURTHER_ACTION\",\"rationale\":\"Known to police only; no further action.\"}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(201);
        assertThat(json(decided).at("/decision/answersMissing").asText()).contains("health-test", "police-test");

        // FHIR, with HAPI's own client: a message of the request's event answering the request's message.
        fhir.context().getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient health = fhir.context().newRestfulGenericClient("http://127.0.0.1:" + port + "/fhir");
        health.registerInterceptor(new BearerTokenAuthInterceptor(HEALTH_KEY));
        Bundle withoutCategory = fhirAnswer(toHealth.get("id").asText(), null, "Seen by the health visitor in May.");
        assertThatThrownBy(() -> health.operation().processMessage().setMessageBundle(withoutCategory).synchronous(Bundle.class).execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(422);
                    assertThat(((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getExpression().get(0).getValue())
                            .isEqualTo("Communication.category");
                });
        Bundle answer = fhirAnswer(toHealth.get("id").asText(), "information-held", "Seen by the health visitor in May; no concerns recorded.");
        Bundle response = health.operation().processMessage().setMessageBundle(answer).synchronous(Bundle.class).execute();
        MessageHeader header = (MessageHeader) response.getEntryFirstRep().getResource();
        assertThat(header.getResponse().getCode()).isEqualTo(MessageHeader.ResponseType.OK);
        assertThat(header.getResponse().getIdentifier()).as("names the answer's MessageHeader")
                .isEqualTo(answer.getEntryFirstRep().getResource().getIdElement().getIdPart());
        // The same answer again, as XML and asynchronously: 202 with the OperationOutcome.
        HttpResponse<String> asXml = http.post("/fhir/$process-message?async=true", HEALTH_KEY, "application/fhir+xml",
                fhir.context().newXmlParser().encodeResourceToString(answer).getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        assertThat(asXml.statusCode()).as(asXml.body()).isEqualTo(202);
        assertThat(asXml.body()).startsWith("<OperationOutcome").contains("in time");
        Bundle otherwise = fhirAnswer(healthRequest, "nothing-known", null);
        assertThatThrownBy(() -> health.operation().processMessage().setMessageBundle(otherwise).synchronous(Bundle.class).execute())
                .as("another answer, naming the request itself").isInstanceOfSatisfying(BaseServerResponseException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(409));
        Bundle forThePolice = fhirAnswer(policeRequest, "nothing-known", null);
        assertThatThrownBy(() -> health.operation().processMessage().setMessageBundle(forThePolice).synchronous(Bundle.class).execute())
                .as("the police's request").isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
        assertThat(audited().queryForList("select actor from audit_entry where action = 'ENQUIRY_ANSWER_REFUSED' and detail like ?",
                String.class, "request=" + policeRequest + "%")).containsExactly("partner:health-test");

        // SOAP, with a Python shop's zeep reading the served WSDL: nothing known. Then the client generated from the WSDL.
        JsonNode zeep = zeepAnswer(policeRequest, true);
        assertThat(zeep.path("fault").isMissingNode()).as(zeep.toString()).isTrue();
        assertThat(zeep.get("requestId").asText()).isEqualTo(policeRequest);
        assertThat(zeep.get("late").asBoolean()).isFalse();
        Holder<XMLGregorianCalendar> answeredAt = new Holder<>();
        Holder<Boolean> late = new Holder<>();
        police().respondToEnquiry(new Holder<>(policeRequest), true, null, null, answeredAt, late);
        assertThat(late.value).as("the same answer again").isFalse();
        assertThat(Instant.parse(answeredAt.value.toXMLFormat())).as("answered once, when zeep answered: the same time, to the microsecond")
                .isEqualTo(Instant.parse(zeep.get("answeredAt").asText()));
        assertThatThrownBy(() -> police().respondToEnquiry(new Holder<>(healthRequest), true, null, null, new Holder<>(), new Holder<>()))
                .as("health's request").isInstanceOf(NoticeRefused.class).hasMessageContaining("No request");
        assertThatThrownBy(() -> police().respondToEnquiry(new Holder<>(policeRequest), false, null, null, new Holder<>(), new Holder<>()))
                .as("no summary: every problem listed").isInstanceOfSatisfying(NoticeRefused.class,
                        e -> assertThat(e.getFaultInfo().getProblem()).extracting(p -> p.getLocation()).containsExactly("/RespondToEnquiry/Summary"));

        JsonNode now = json(http.getAsStaff("/api/v1/enquiries/" + enquiry.get("id").asText(), "practitioner", "test-practitioner"));
        for (JsonNode request : now.get("requests")) {
            assertThat(request.get("status").asText()).isEqualTo("ANSWERED");
            if (request.get("partnerId").asText().equals("health-test")) {
                assertThat(request.get("nothingKnown").asBoolean()).isFalse();
                assertThat(request.get("summary").asText()).startsWith("Seen by the health visitor");
            } else {
                assertThat(request.get("nothingKnown").asBoolean()).isTrue();
            }
        }
    }

    /** A health partner's answer: a message of event information-request, its response naming what it answers. */
    private static Bundle fhirAnswer(String answering, String category, String summary) {
        Communication communication = new Communication().setStatus(Communication.CommunicationStatus.COMPLETED);
        communication.setId(UUID.randomUUID().toString());
        if (category != null) {
            communication.addCategory().addCoding().setSystem("https://mash-hub.example/fhir/CodeSystem/enquiry-answer").setCode(category);
        }
        if (summary != null) {
            communication.addPayload().setContent(new StringType(summary));
        }
        MessageHeader header = new MessageHeader();
        header.setId(UUID.randomUUID().toString());
        header.setEvent(new Coding("https://mash-hub.example/fhir/CodeSystem/message-event", "information-request", null));
        header.getSource().setEndpoint("https://gp.example/fhir");
        header.getResponse().setIdentifier(answering).setCode(MessageHeader.ResponseType.OK);
        header.addFocus().setReference("urn:uuid:" + communication.getIdPart());
        Bundle bundle = new Bundle().setType(Bundle.BundleType.MESSAGE);
        bundle.getIdentifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + UUID.randomUUID());
        bundle.addEntry().setFullUrl("urn:uuid:" + header.getIdPart()).setResource(header);
        bundle.addEntry().setFullUrl("urn:uuid:" + communication.getIdPart()).setResource(communication);
        return bundle;
    }

    /** A force's Python client (Debian's python3-zeep, as .ci/run installs it) answering the request. */
    private JsonNode zeepAnswer(String requestId, boolean nothingKnown) throws Exception {
        Process python = new ProcessBuilder(java.nio.file.Files.exists(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3",
                Path.of("src", "test", "resources", "clients", "zeep_respond_to_enquiry.py").toString(),
                "http://127.0.0.1:" + port + "/services/police?wsdl", PartnerHttpClient.POLICE_KEY, requestId, Boolean.toString(nothingKnown))
                .redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(output).isZero();
        return com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(output.lines().reduce((a, b) -> b).orElse("{}"));
    }

    /** The port generated from ppn-v1.wsdl, at this hub, with the police key. */
    private PublicProtectionNoticePort police() {
        PublicProtectionNoticePort client = new PublicProtectionNoticeService().getPublicProtectionNoticePort();
        Map<String, Object> context = ((BindingProvider) client).getRequestContext();
        context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, "http://127.0.0.1:" + port + "/services/police");
        context.put(MessageContext.HTTP_REQUEST_HEADERS, Map.of("Authorization", List.of("Bearer " + PartnerHttpClient.POLICE_KEY)));
        return client;
    }

    @Test
    void anAnswersWordsGoAtTheEndOfThePartnersRetentionAndTheRequestStays() throws Exception {
        String child = aChildKnownToThePolice();
        JsonNode enquiry = ask(child, "partners", "police-test", "GREEN", "Anything?", "UK-GDPR-6-1-e");
        String recent = requestOf(enquiry, "police-test");
        assertThat(answer(PartnerHttpClient.POLICE_KEY, recent, "{\"nothingKnown\":false,\"summary\":\"One call-out.\"}").statusCode())
                .isEqualTo(200);
        // An answer of twenty years ago, longer than the police agreement keeps anything.
        String old = UUID.randomUUID().toString();
        jdbc.update("insert into enquiry_request (request_id, enquiry_id, partner_id, status, due_at, answered_at, nothing_known, summary, "
                + "detail) values (?, ?, 'police-test', 'ANSWERED', ?, ?, false, 'Old words.', 'Old detail.')", old, enquiry.get("id").asText(),
                java.time.OffsetDateTime.now().minusYears(20), java.time.OffsetDateTime.now().minusYears(20));

        assertThat(enquiries.purgeAnswers("test")).isPositive();

        Map<String, Object> purged = jdbc.queryForMap("select status, nothing_known, summary, detail, answer_purged_at from enquiry_request "
                + "where request_id = ?", old);
        assertThat(purged.get("summary")).isNull();
        assertThat(purged.get("detail")).isNull();
        assertThat(purged.get("answer_purged_at")).isNotNull();
        assertThat(purged.get("status")).as("the request and its times stay").isEqualTo("ANSWERED");
        assertThat(jdbc.queryForObject("select summary from enquiry_request where request_id = ?", String.class, recent)).isEqualTo("One call-out.");
        assertThat(audited().queryForList("select detail from audit_entry where action = 'RETENTION_PURGED' and actor = 'test'", String.class))
                .anyMatch(d -> d.startsWith("enquiry-answers="));
    }

    @Test
    void anAnswerGoesThroughTheSharingPolicyAndARedCheckOverridesWithdrawnConsent() throws Exception {
        String child = aChildKnownToThePolice();
        HttpResponse<String> withdrawn = http.postAsStaff("/api/v1/consent", "manager", "test-manager", "{\"hubChildId\":\"" + child
                + "\",\"partnerId\":\"police-test\",\"category\":\"police.intelligence\",\"state\":\"WITHDRAWN\"}");
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(201);
        String red = requestOf(ask(child, "partners", "police-test", "RED", "Urgent: anything known?", "UK-GDPR-6-1-e"), "police-test");
        String amber = requestOf(ask(child, "partners", "police-test", "AMBER", "Anything known?", "UK-GDPR-6-1-e"), "police-test");
        String said = "{\"nothingKnown\":false,\"summary\":\"Known to the domestic abuse unit.\"}";
        assertThat(answer(PartnerHttpClient.POLICE_KEY, red, said).statusCode()).isEqualTo(200);
        assertThat(answer(PartnerHttpClient.POLICE_KEY, amber, said).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> answersDelivered(red).size() == 1);
        assertThat(answersDelivered(red).get(0).event().at("/sharing/decision").asText()).isEqualTo("SHARE_UNDER_OVERRIDE");
        assertThat(answersDelivered(red).get(0).event().at("/sharing/rule").asText()).endsWith("/override.red-rag");
        String amberEvent = json(http.getAsStaff("/api/v1/enquiries/" + jdbc.queryForObject("select enquiry_id from enquiry_request "
                + "where request_id = ?", String.class, amber), "practitioner", "test-practitioner")).at("/requests/0/answerEventId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from withheld_event where event_id = ?",
                Integer.class, amberEvent) == 1);
        assertThat(answersDelivered(amber)).as("held for a manager: consent withdrawn").isEmpty();
        // Staff read it as the policy lets them: the AMBER check's answer is there, its words held back, and why.
        JsonNode amberSeen = json(http.getAsStaff("/api/v1/enquiries/" + jdbc.queryForObject("select enquiry_id from enquiry_request "
                + "where request_id = ?", String.class, amber), "practitioner", "test-practitioner")).at("/requests/0");
        assertThat(amberSeen.get("status").asText()).isEqualTo("ANSWERED");
        assertThat(amberSeen.get("summary").isNull()).isTrue();
        assertThat(amberSeen.get("notShown").asText()).isEqualTo("consent withdrawn");
        JsonNode redSeen = json(http.getAsStaff("/api/v1/enquiries/" + jdbc.queryForObject("select enquiry_id from enquiry_request "
                + "where request_id = ?", String.class, red), "practitioner", "test-practitioner")).at("/requests/0");
        assertThat(redSeen.get("summary").asText()).isEqualTo("Known to the domestic abuse unit.");
    }

    /** What the case system holds of the partner's answer to this request. */
    private List<SimulatedCaseSystem.Received> answersDelivered(String requestId) {
        return caseSystem.received().stream().filter(r -> r.event().path("eventType").asText().equals("PartnerAnswerEvent")
                && r.event().at("/enquiry/requestId").asText().equals(requestId)).toList();
    }

    private JsonNode reminderFor(String requestId) {
        return notificationAbout(PartnerHttpClient.POLICE_KEY, "INFORMATION_REQUEST_REMINDER", requestId);
    }

    private String aChildKnownToThePolice() throws Exception {
        return childKnownToThePolice("PPN-Q-" + UUID.randomUUID(), "Enquiry" + TestNames.letters(6), HousingExamples.distinctBirthDate());
    }

    /** Raises a check about the child: whom ("partners" or "agencies", comma-separated), how urgent, what and why. */
    private JsonNode ask(String child, String whomKind, String whom, String rag, String question, String lawfulBases) {
        HttpResponse<String> raised = raise("{\"hubChildId\":\"" + child + "\",\"" + whomKind + "\":[\"" + String.join("\",\"", whom.split(","))
                + "\"],\"rag\":\"" + rag + "\",\"question\":\"" + question + "\",\"lawfulBasis\":[\""
                + String.join("\",\"", lawfulBases.split(",")) + "\"]}");
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(201);
        return json(raised);
    }

    private HttpResponse<String> raise(String body) {
        return http.postAsStaff("/api/v1/enquiries", "practitioner", "test-practitioner", body);
    }

    private HttpResponse<String> answer(String key, String requestId, String body) {
        return http.post("/api/v1/partner/enquiries/" + requestId + "/response", key, "application/json", body.getBytes(), null);
    }

    private static String requestOf(JsonNode enquiry, String partnerId) {
        for (JsonNode request : enquiry.get("requests")) {
            if (request.get("partnerId").asText().equals(partnerId)) {
                return request.get("id").asText();
            }
        }
        throw new AssertionError("no request for " + partnerId + " in " + enquiry);
    }

    private JsonNode requestFor(String key, String requestId) {
        return notificationAbout(key, "INFORMATION_REQUEST", requestId);
    }

    /** The partner's notification of that type about that request, read page by page; null if none waits for it. */
    private JsonNode notificationAbout(String key, String type, String requestId) {
        String after = null;
        do {
            JsonNode page = json(http.getAsPartner("/api/v1/partner/notifications?limit=50" + (after == null ? "" : "&after=" + after), key));
            for (JsonNode n : page.get("notifications")) {
                if (n.get("type").asText().equals(type) && n.at("/about/requestId").asText().equals(requestId)) {
                    return n;
                }
            }
            after = page.get("next").isNull() ? null : page.get("next").asText();
        } while (after != null);
        return null;
    }

    /** The police example notice under this reference and family name: the hub child of its older child. */
    private String childKnownToThePolice(String reference, String family, LocalDate born) throws Exception {
        String notice = Files.readString(Path.of("..", "schemas", "police", "examples", "domestic-abuse-two-children.xml"))
                .replace("PPN-DC-2026-004512", reference).replace("DC-N-778102", "IT-" + UUID.randomUUID())
                .replace("DC-N-778103", "IT-" + UUID.randomUUID()).replace("Madeupson", family)
                .replace("2015-04-19", born.toString()).replace("2022-08-02", "2023-06-01");
        HttpResponse<String> response = http.postPoliceNotice(PartnerHttpClient.POLICE_KEY, notice);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return jdbc.queryForObject("select hub_child_id from accepted_event where hub_message_id = ? and kind = 'POLICE_CONTACT' "
                + "order by event_index limit 1", String.class, PartnerHttpClient.policeReceipt(response));
    }
}
