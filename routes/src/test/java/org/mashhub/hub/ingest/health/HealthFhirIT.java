package org.mashhub.hub.ingest.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mashhub.adapters.health.HealthFhir;
import org.mashhub.hub.casesystem.SimulatedCaseSystem;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.mashhub.hub.testsupport.PartnerHttpClient;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Health partners through the whole hub with HAPI's generic client, a real FHIR client: every example
 * message and export, and each way one is refused.
 */
class HealthFhirIT extends HubIntegrationTest {

    static final Path EXAMPLES = Path.of("..", "schemas", "health", "examples");
    static final String KEY = "test-health-key";

    @Autowired
    HealthFhir fhir;

    IGenericClient client;

    @BeforeEach
    void fhirClient() {
        fhir.context().getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        client = fhir.context().newRestfulGenericClient("http://127.0.0.1:" + port + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(KEY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"message-safeguarding-concern.json", "message-emergency-attendance.json",
            "message-patient-update.json", "message-safeguarding-concern.xml", "message-emergency-attendance.xml",
            "message-patient-update.xml"})
    void everyMessageExampleIsAcceptedAndReachesTheCaseSystem(String example) throws IOException {
        Bundle message = freshMessage(example);

        OperationOutcome outcome = process(message);

        String receipt = outcome.getIdElement().getIdPart();
        assertThat(receipt).isNotBlank();
        List<String> eventIds = eventIds(outcome);
        assertThat(eventIds).hasSize(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> held(eventIds.get(0)));
        assertThat(jdbc.queryForObject("select partner_id from inbound_message where hub_message_id = ?", String.class, receipt))
                .isEqualTo("health-test");
    }

    @Test
    void aConsentUpdateIsKeptAsTheChildsConsentStateAndAudited() throws IOException {
        Bundle message = freshMessage("message-consent-update.json");

        OperationOutcome outcome = process(message);

        String receipt = outcome.getIdElement().getIdPart();
        assertThat(eventIds(outcome)).isEmpty();
        assertThat(jdbc.queryForList("select data_category || '=' || state from consent_record where hub_message_id = ?",
                String.class, receipt)).containsExactly("health.condition=REFUSED");
        assertThat(audited().queryForList("select action from audit_entry where hub_message_id = ? order by seq", String.class, receipt))
                .containsExactly("RECEIVED", "MATCHED", "CONSENT_RECORDED");
    }

    /** A sender that gives its MessageHeader no id (only the entry's fullUrl) is answered with that one. */
    @Test
    void aMessageHeaderWithoutAnIdIsAnsweredByItsFullUrl() throws IOException {
        Bundle message = freshMessage("message-emergency-attendance.json");
        message.getEntryFirstRep().getResource().setIdElement(null);
        String json = fhir.context().newJsonParser().encodeResourceToString(message);

        HttpResponse<String> response = http.post("/fhir/$process-message", KEY, "application/fhir+json",
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(PartnerHttpClient.json(response).at("/entry/0/resource/response/identifier").asText())
                .isEqualTo(message.getEntryFirstRep().getFullUrl().replaceFirst("^urn:uuid:", ""));
        assertThat(PartnerHttpClient.json(response).at("/entry/0/resource/eventCoding/code").asText()).isEqualTo("emergency-attendance");

        // and in XML, the header's own id answered
        Bundle asXml = freshMessage("message-emergency-attendance.xml");
        HttpResponse<String> xml = http.post("/fhir/$process-message", KEY, "application/fhir+xml",
                fhir.context().newXmlParser().encodeResourceToString(asXml).getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        assertThat(xml.statusCode()).as(xml.body()).isEqualTo(200);
        assertThat(fhir.context().newXmlParser().parseResource(Bundle.class, xml.body()).getEntryFirstRep().getResource())
                .satisfies(h -> assertThat(((org.hl7.fhir.r4.model.MessageHeader) h).getResponse().getIdentifier())
                        .isEqualTo(asXml.getEntryFirstRep().getResource().getIdElement().getIdPart()));
    }

    @Test
    void asynchronouslyTheAnswerIs202WithTheReceiptAlone() throws IOException {
        Bundle message = freshMessage("message-emergency-attendance.json");

        org.hl7.fhir.instance.model.api.IBaseResource answer = client.operation().processMessage().setMessageBundle(message)
                .asynchronous(OperationOutcome.class).execute();

        assertThat(answer).isInstanceOf(OperationOutcome.class);
        assertThat(eventIds((OperationOutcome) answer)).hasSize(1);
        HttpResponse<String> raw = http.post("/fhir/$process-message?async=true", KEY, "application/fhir+json",
                fhir.context().newJsonParser().encodeResourceToString(freshMessage("message-emergency-attendance.json"))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        assertThat(raw.statusCode()).isEqualTo(202);
        assertThat(raw.body()).contains("\"resourceType\":\"OperationOutcome\"");
    }

    @Test
    void unknownPathsAndWrongMethodsAnswerAnOperationOutcome() {
        HttpResponse<String> unknown = http.getAsPartner("/fhir/Patient/123", KEY);
        HttpResponse<String> wrongMethod = http.getAsPartner("/fhir/$process-message", KEY);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        for (HttpResponse<String> response : List.of(unknown, wrongMethod)) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/fhir+json"));
            assertThat(fhir.context().newJsonParser().parseResource(OperationOutcome.class, response.body()).getIssue()).isNotEmpty();
        }
    }

    @Test
    void theSameMessageAgainGetsTheSameReceipt() throws IOException {
        Bundle message = freshMessage("message-emergency-attendance.json");

        OperationOutcome first = process(message);
        OperationOutcome again = process(message);

        assertThat(again.getIdElement().getIdPart()).isEqualTo(first.getIdElement().getIdPart());
        assertThat(eventIds(again)).isEqualTo(eventIds(first));
        await().atMost(Duration.ofSeconds(20)).until(() -> held(eventIds(first).get(0)));
        assertThat(caseSystem.attempts(eventIds(first).get(0))).isEqualTo(1);
    }

    @Test
    void anEprExportKeepsTheChildLeavesOutTheRestAndRefusesTheAdult() throws IOException {
        String export = Files.readString(EXAMPLES.resolve("transaction-epr-export.json"))
                .replace("EPR-EXPORT-2026-11-22-001", "IT-" + UUID.randomUUID());

        OperationOutcome outcome = (OperationOutcome) fhir.context().newJsonParser()
                .parseResource(client.transaction().withBundle(export).execute());

        List<String> eventIds = eventIds(outcome);
        assertThat(eventIds).hasSize(4);
        assertThat(outcome.getIssue()).filteredOn(i -> i.getSeverity() == OperationOutcome.IssueSeverity.WARNING)
                .extracting(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .anyMatch(d -> d.startsWith("refused: an adult"));
        assertThat(outcome.getIssue()).extracting(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .contains("left out as not safeguarding-relevant: 1 Immunization");
        await().atMost(Duration.ofSeconds(20)).until(() -> eventIds.stream().allMatch(this::held));
        assertThat(caseSystem.received().toString()).doesNotContain("9990608164", "Rose");
        String correlation = jdbc.queryForObject("select correlation_id from inbound_message where hub_message_id = ?", String.class,
                outcome.getIdElement().getIdPart());
        assertThat(audited().queryForList("select detail from audit_entry where correlation_id = ? and action = 'REJECTED'",
                String.class, correlation)).singleElement().asString().contains("not-a-child");
    }

    @Test
    void aSyntheaChildsExportIsAccepted() throws IOException {
        String export = Files.readString(EXAMPLES.resolve("synthea-child-transaction.json"));

        OperationOutcome outcome = (OperationOutcome) fhir.context().newJsonParser()
                .parseResource(client.transaction().withBundle(export).execute());

        List<String> eventIds = eventIds(outcome);
        assertThat(eventIds).hasSize(9);
        await().atMost(Duration.ofSeconds(30)).until(() -> eventIds.stream().allMatch(this::held));
        assertThat(caseSystem.received()).filteredOn(r -> eventIds.contains(r.idempotencyKey()))
                .extracting(r -> r.event().get("recordType").asText())
                .containsOnly("DEMOGRAPHICS", "HEALTH_ATTENDANCE", "HEALTH_CONDITION");
    }

    @Test
    void theWrongBundleTypeIsRefusedOnEitherEndpoint() throws IOException {
        Bundle message = freshMessage("message-patient-update.json");
        UnprocessableEntityException asExport = catchThrowableOfType(UnprocessableEntityException.class,
                () -> client.transaction().withBundle(fhir.context().newJsonParser().encodeResourceToString(message)).execute());
        assertThat(expressions(asExport)).containsExactly("Bundle.type");

        Bundle export = (Bundle) read("transaction-epr-export.json");
        UnprocessableEntityException asMessage = catchThrowableOfType(UnprocessableEntityException.class,
                () -> client.operation().processMessage().setMessageBundle(export).synchronous(Bundle.class).execute());
        assertThat(expressions(asMessage)).containsExactly("Bundle.type");
    }

    @Test
    void anUnknownEventCodeIsRefused() throws IOException {
        Bundle message = freshMessage("message-emergency-attendance.json");
        ((Coding) ((org.hl7.fhir.r4.model.MessageHeader) message.getEntryFirstRep().getResource()).getEvent()).setCode("tea-party");

        assertThat(expressions(refusal(message))).contains("Bundle.entry[0].resource.event");
    }

    @Test
    void aMessageWithoutItsPatientIsRefused() throws IOException {
        Bundle message = freshMessage("message-emergency-attendance.json");
        message.getEntry().removeIf(e -> e.getResource() instanceof org.hl7.fhir.r4.model.Patient);

        assertThat(expressions(refusal(message))).contains("Bundle.entry[1].resource.subject");
    }

    @Test
    void aBadNhsNumberIsRefused() throws IOException {
        Bundle message = freshMessage("message-emergency-attendance.json");
        message.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(org.hl7.fhir.r4.model.Patient.class::isInstance)
                .forEach(p -> ((org.hl7.fhir.r4.model.Patient) p).getIdentifierFirstRep().setValue("9998611688"));

        assertThat(expressions(refusal(message))).containsExactly("Bundle.entry[2].resource.identifier[0].value");
    }

    @Test
    void anAdultPatientIsRefusedAndAudited() throws IOException {
        Bundle message = freshMessage("message-emergency-attendance.json");
        message.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(org.hl7.fhir.r4.model.Patient.class::isInstance)
                .forEach(p -> ((org.hl7.fhir.r4.model.Patient) p).setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1990-01-01")));

        UnprocessableEntityException e = refusal(message);

        OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.BUSINESSRULE);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("adult", "nothing of it was kept");
        assertThat(jdbc.queryForObject("select count(*) from inbound_message where partner_message_id = ?", Integer.class,
                message.getIdentifier().getValue())).isZero();
        assertThat(audited().queryForObject("select count(*) from audit_entry where action = 'REJECTED' and partner_id = 'health-test' "
                + "and detail like '%not-a-child%'", Integer.class)).isPositive();
    }

    @Test
    void malformedJsonIs400() {
        HttpResponse<String> response = http.post("/fhir/$process-message", KEY, "application/fhir+json",
                "{\"resourceType\": \"Bundle\", \"type\": ".getBytes(StandardCharsets.UTF_8), null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/fhir+json"));
        OperationOutcome outcome = fhir.context().newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.STRUCTURE);
    }

    @Test
    void anXmlExternalEntityIsRefusedAndReadsNothing(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE Bundle [<!ENTITY xxe SYSTEM \"file://" + secret + "\">]>\n"
                + Files.readString(EXAMPLES.resolve("message-patient-update.xml"))
                .replace("<value value=\"GP-2026-11-0100\"/>", "<value value=\"&xxe;\"/>");

        HttpResponse<String> response = http.post("/fhir/$process-message", KEY, "application/fhir+xml",
                xxe.getBytes(StandardCharsets.UTF_8), null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("TOP-SECRET-CONTENT").contains("OperationOutcome");
    }

    @Test
    void metadataNeedsNoKeyAndNamesTheOperation() {
        IGenericClient anonymous = fhir.context().newRestfulGenericClient("http://127.0.0.1:" + port + "/fhir");

        CapabilityStatement statement = anonymous.capabilities().ofType(CapabilityStatement.class).execute();

        assertThat(statement.getRestFirstRep().getOperation()).extracting(o -> o.getName()).containsExactly("process-message");
        assertThat(statement.getSoftware().getVersion()).isNotBlank();
        assertThat(statement.getRestFirstRep().getResource()).filteredOn(r -> r.getType().equals("Patient")).singleElement()
                .satisfies(r -> assertThat(r.getSupportedProfile()).extracting(p -> p.getValue()).containsExactly(HealthFhir.PROFILE_PATIENT));
        assertThat(statement.getMessagingFirstRep().getSupportedMessage()).extracting(m -> m.getDefinition())
                .contains(HealthFhir.BASE + "/MessageDefinition/safeguarding-concern");
        assertThat(statement.getMessagingFirstRep().getEndpointFirstRep().getAddress()).endsWith("/fhir/$process-message");
    }

    /** What a partner's developer reads with HAPI's client, without a key: each profile, by id and by canonical URL. */
    @Test
    void theHubsProfilesAreReadAndSearchedByUrlWithoutAKey() {
        IGenericClient anonymous = fhir.context().newRestfulGenericClient("http://127.0.0.1:" + port + "/fhir");

        org.hl7.fhir.r4.model.StructureDefinition patient = anonymous.read()
                .resource(org.hl7.fhir.r4.model.StructureDefinition.class).withId("mash-patient").execute();
        Bundle byUrl = anonymous.search().forResource(org.hl7.fhir.r4.model.StructureDefinition.class)
                .where(org.hl7.fhir.r4.model.StructureDefinition.URL.matches().value(HealthFhir.PROFILE_COMMUNICATION))
                .returnBundle(Bundle.class).execute();
        org.hl7.fhir.r4.model.CodeSystem events = anonymous.read().resource(org.hl7.fhir.r4.model.CodeSystem.class)
                .withId("message-event").execute();

        assertThat(patient.getUrl()).isEqualTo(HealthFhir.PROFILE_PATIENT);
        assertThat(byUrl.getEntry()).singleElement().satisfies(e -> assertThat(
                ((org.hl7.fhir.r4.model.StructureDefinition) e.getResource()).getUrl()).isEqualTo(HealthFhir.PROFILE_COMMUNICATION));
        assertThat(events.getUrl()).isEqualTo(HealthFhir.MESSAGE_EVENT_SYSTEM);
        assertThat(catchThrowableOfType(ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException.class,
                () -> anonymous.read().resource(org.hl7.fhir.r4.model.ValueSet.class).withId("no-such-value-set").execute())).isNotNull();
    }

    /** The package a partner's validator takes with -ig, read by the HL7 tools' own package reader. */
    @Test
    void theProfilesArePublishedAsAFhirPackage() throws Exception {
        HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/fhir/package.tgz")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);

        org.hl7.fhir.utilities.npm.NpmPackage npm = org.hl7.fhir.utilities.npm.NpmPackage.fromPackage(
                new java.io.ByteArrayInputStream(response.body()));

        assertThat(npm.name()).isEqualTo("mash-hub.health");
        assertThat(npm.fhirVersion()).isEqualTo("4.0.1");
        assertThat(npm.listResources("StructureDefinition")).contains("StructureDefinition-mash-patient.json");
        assertThat(npm.listResources("MessageDefinition")).hasSize(4);
        try (java.io.InputStream in = npm.loadResource("StructureDefinition-mash-patient.json")) {
            assertThat(fhir.context().newJsonParser().parseResource(org.hl7.fhir.r4.model.StructureDefinition.class, in).getUrl())
                    .isEqualTo(HealthFhir.PROFILE_PATIENT);
        }
    }

    @Test
    void withoutAKeyOrWithAnotherPartnersKindTheAnswerIsAnOperationOutcome() throws IOException {
        byte[] body = Files.readAllBytes(EXAMPLES.resolve("message-patient-update.json"));

        HttpResponse<String> noKey = http.post("/fhir/$process-message", null, "application/fhir+json", body, null);
        HttpResponse<String> housingKey = http.post("/fhir/$process-message", "test-housing-key", "application/fhir+json", body, null);
        HttpResponse<String> wrongType = http.post("/fhir/$process-message", KEY, "text/plain", body, null);

        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(housingKey.statusCode()).isEqualTo(403);
        assertThat(wrongType.statusCode()).isEqualTo(415);
        for (HttpResponse<String> response : List.of(noKey, housingKey, wrongType)) {
            assertThat(fhir.context().newJsonParser().parseResource(OperationOutcome.class, response.body()).getIssue()).isNotEmpty();
        }
    }

    private Bundle freshMessage(String example) throws IOException {
        Bundle bundle = (Bundle) read(example);
        bundle.getIdentifier().setValue("IT-" + UUID.randomUUID());
        return bundle;
    }

    private IBaseResource read(String example) throws IOException {
        String text = Files.readString(EXAMPLES.resolve(example));
        return example.endsWith(".xml") ? fhir.context().newXmlParser().parseResource(text) : fhir.context().newJsonParser().parseResource(text);
    }

    /**
     * {@code $process-message} as HAPI's generic client sends it, synchronously: the answer is a response message whose
     * MessageHeader answers the request's (code ok), with the receipt's OperationOutcome as its focus.
     */
    private OperationOutcome process(Bundle message) {
        Bundle answer = client.operation().processMessage().setMessageBundle(message).synchronous(Bundle.class).execute();
        assertThat(answer.getType()).isEqualTo(Bundle.BundleType.MESSAGE);
        org.hl7.fhir.r4.model.MessageHeader header = (org.hl7.fhir.r4.model.MessageHeader) answer.getEntryFirstRep().getResource();
        org.hl7.fhir.r4.model.MessageHeader asked = (org.hl7.fhir.r4.model.MessageHeader) message.getEntryFirstRep().getResource();
        assertThat(header.getResponse().getIdentifier()).isEqualTo(asked.getIdElement().getIdPart());
        assertThat(header.getResponse().getCode()).isEqualTo(org.hl7.fhir.r4.model.MessageHeader.ResponseType.OK);
        OperationOutcome outcome = (OperationOutcome) answer.getEntry().get(1).getResource();
        // (HAPI's parser gives a Bundle entry's resource its fullUrl as id, and references to it the same)
        assertThat(header.getFocusFirstRep().getReference()).isEqualTo(answer.getEntry().get(1).getFullUrl());
        String receipt = outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
        assertThat(answer.getIdElement().getIdPart()).isEqualTo(receipt);
        assertThat(answer.getEntry().get(1).getFullUrl()).isEqualTo("urn:uuid:" + receipt);
        outcome.setId(receipt);
        return outcome;
    }

    private UnprocessableEntityException refusal(Bundle message) {
        UnprocessableEntityException e = catchThrowableOfType(UnprocessableEntityException.class,
                () -> client.operation().processMessage().setMessageBundle(message).synchronous(Bundle.class).execute());
        assertThat(e).as("expected 422").isNotNull();
        return e;
    }

    private static List<String> expressions(BaseServerResponseException e) {
        assertThat(e).isNotNull();
        return ((OperationOutcome) e.getOperationOutcome()).getIssue().stream()
                .flatMap(i -> i.getExpression().stream()).map(s -> s.getValue()).toList();
    }

    private static List<String> eventIds(OperationOutcome outcome) {
        return outcome.getIssue().stream()
                .flatMap(i -> i.getDetails().getCoding().stream())
                .filter(c -> FhirOutcomes.EVENT_SYSTEM.equals(c.getSystem()))
                .map(Coding::getCode).toList();
    }

    private boolean held(String eventId) {
        return caseSystem.received().stream().map(SimulatedCaseSystem.Received::idempotencyKey).anyMatch(eventId::equals);
    }
}
