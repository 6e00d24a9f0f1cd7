package org.mashhub.adapters.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mashhub.adapters.health.HealthExamples.CLOCK;
import static org.mashhub.adapters.health.HealthExamples.FHIR;
import static org.mashhub.adapters.health.HealthExamples.bytes;
import static org.mashhub.adapters.health.HealthExamples.envelope;
import static org.mashhub.adapters.health.HealthExamples.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mashhub.adapters.ConsentStatement;
import org.mashhub.adapters.InvalidMessageException;
import org.mashhub.adapters.MappedMessage;
import org.mashhub.adapters.NotAChildException;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.Problem;
import org.mashhub.schemas.events.AddressChangeData;
import org.mashhub.schemas.events.CanonicalEvent;
import org.mashhub.schemas.events.ChildRecordEvent;
import org.mashhub.schemas.events.ConsentState;
import org.mashhub.schemas.events.HealthAttendanceData;
import org.mashhub.schemas.events.Identifier;
import org.mashhub.schemas.events.Rag;
import org.mashhub.schemas.events.RecordType;
import org.mashhub.schemas.events.ReferralEvent;

class HealthMessageAdapterTest {

    final HealthMessageAdapter adapter = new HealthMessageAdapter(FHIR, CLOCK);

    @ParameterizedTest
    @ValueSource(strings = {"message-safeguarding-concern", "message-emergency-attendance", "message-consent-update",
            "message-patient-update"})
    void everyMessageExampleInJsonAndXmlMapsToTheSameSchemaValidResult(String example) {
        MappedMessage fromJson = map(example + ".json", FhirFormat.JSON);
        MappedMessage fromXml = map(example + ".xml", FhirFormat.XML);

        assertThat(fromXml).isEqualTo(fromJson);
        assertThat(fromJson.events().size() + fromJson.consents().size()).isGreaterThan(0);
        for (CanonicalEvent event : fromJson.events()) {
            CanonicalEvent linked = event.withChild(event.child().withHubChildId("00000000-0000-4000-8000-000000000001"));
            JsonNode json = CanonicalJson.mapper().valueToTree(linked);
            assertThat(linked.contract().validate(json)).as(json.toString()).isEmpty();
        }
    }

    @Test
    void aPreBirthConcernIsAboutTheUnbornChildKnownByItsMothersNhsNumberAndTheBirthLinksTheBaby() {
        ReferralEvent preBirth = (ReferralEvent) map("message-pre-birth-concern.json", FhirFormat.JSON).events().get(0);
        ChildRecordEvent birth = (ChildRecordEvent) map("message-birth-notification.json", FhirFormat.JSON).events().get(0);

        assertThat(preBirth.child().identifiers()).containsExactly(new Identifier(Identifier.UNBORN_CHILD_OF, "9990701008"));
        assertThat(preBirth.child().name().given()).isNull();
        assertThat(preBirth.child().birthDate()).isNull();
        assertThat(preBirth.concern().summary()).contains("pre-birth");
        assertThat(preBirth.concern().detail()).startsWith("Expected date of delivery: 2026-11-18");
        assertThat(birth.child().identifiers()).contains(Identifier.nhsNumber("9990701016"),
                new Identifier(Identifier.UNBORN_CHILD_OF, "9990701008"));
        for (CanonicalEvent event : List.of(preBirth, birth)) {
            CanonicalEvent linked = event.withChild(event.child().withHubChildId("00000000-0000-4000-8000-000000000007"));
            JsonNode json = CanonicalJson.mapper().valueToTree(linked);
            assertThat(linked.contract().validate(json)).as(json.toString()).isEmpty();
        }
    }

    @Test
    void aPreBirthConcernNeedsTheMothersNhsNumber() {
        String withoutNumber = text("message-pre-birth-concern.json").replace("\"value\": \"9990701008\"", "\"value\": \"x\"")
                .replace("https://fhir.nhs.uk/Id/nhs-number", "https://example.org/mrn");

        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> adapter.parse(withoutNumber.getBytes(StandardCharsets.UTF_8), FhirFormat.JSON));

        assertThat(e.problems()).extracting(Problem::detail).anyMatch(d -> d.contains("pre-birth concern's subject is the mother"));
    }

    /**
     * What Synthea writes on a Patient: a language outside R4's common-languages (a preferred binding: information, never
     * an error), US Core race, Synthea's own extensions, a medical record number, marital status, multiple birth.
     */
    /** What the parser cannot read is located by a FHIRPath rooted at the Bundle, in JSON and in XML alike. */
    @Test
    void whatTheParserCannotReadIsLocatedFromTheBundle() {
        String json = text("message-safeguarding-concern.json").replace("\"gender\": \"female\"", "\"gender\": \"femalish\", \"colour\": \"blue\"");
        assertThat(json).contains("femalish");
        String xml = text("message-safeguarding-concern.xml").replace("<gender value=\"female\"/>", "<gender value=\"femalish\"/>");
        assertThat(xml).contains("femalish");

        assertThat(problems(json)).extracting(Problem::pointer)
                .containsExactlyInAnyOrder("Bundle.entry[2].resource.gender", "Bundle.entry[2].resource.colour");
        InvalidMessageException fromXml = catchThrowableOfType(InvalidMessageException.class,
                () -> adapter.parse(xml.getBytes(StandardCharsets.UTF_8), FhirFormat.XML));
        assertThat(fromXml.problems()).extracting(Problem::pointer).containsExactly("Bundle.entry[2].resource.gender");
    }

    @Test
    void aChildBornInTheFutureIsRefused() {
        String future = text("message-safeguarding-concern.json").replaceAll("\"birthDate\": \"[0-9-]+\"", "\"birthDate\": \"2027-01-05\"");

        assertThat(problems(future)).anySatisfy(p -> {
            assertThat(p.pointer()).isEqualTo("Bundle.entry[2].resource.birthDate");
            assertThat(p.detail()).isEqualTo("is in the future");
        });
    }

    @Test
    void aPatientAsSyntheaWritesItIsAccepted() {
        String synthea = text("message-safeguarding-concern.json").replaceFirst("\"resourceType\": \"Patient\",", """
                "resourceType": "Patient",
                "extension": [
                  {"url": "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race", "extension": [
                    {"url": "ombCategory", "valueCoding": {"system": "urn:oid:2.16.840.1.113883.6.238", "code": "2106-3", "display": "White"}},
                    {"url": "text", "valueString": "White"}]},
                  {"url": "http://synthetichealth.github.io/synthea/disability-adjusted-life-years", "valueDecimal": 0.3}],
                "communication": [{"language": {"coding": [{"system": "urn:ietf:bcp:47", "code": "vi", "display": "Vietnamese"}],
                                                "text": "Vietnamese"}}],
                "maritalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-MaritalStatus", "code": "S"}]},
                "multipleBirthBoolean": false,
                "telecom": [{"system": "phone", "value": "555-123-4567", "use": "home"}],""");
        assertThat(synthea).contains("\"vi\"");

        MappedMessage mapped = mapText(synthea);

        assertThat(mapped.events()).hasSize(1);
    }

    @Test
    void aSafeguardingConcernIsAReferralRatedByItsPriority() {
        ReferralEvent referral = (ReferralEvent) map("message-safeguarding-concern.json", FhirFormat.JSON).events().get(0);

        assertThat(referral.child().identifiers()).contains(Identifier.nhsNumber("9990759545"));
        assertThat(referral.child().name().given()).isEqualTo("Poppy");
        assertThat(referral.concern().categories()).containsExactly("neglect");
        assertThat(referral.concern().rag()).isEqualTo(Rag.AMBER);
        assertThat(referral.concern().riskOfSignificantHarm()).isFalse();
        assertThat(referral.concern().detail()).startsWith("At the 2-year review");
        assertThat(referral.referrer().name()).isEqualTo("Ms Alex Nurseworth");
        assertThat(referral.referrer().role()).isEqualTo("Health visitor");
        assertThat(referral.referrer().organisation()).isEqualTo("Demo Community Health Trust");
        assertThat(referral.source().partnerMessageId()).isEqualTo("HV-2026-11-0001");
        assertThat(referral.sharing().lawfulBasis()).contains("UK-GDPR-9-2-g", "DPA-2018-SCH1-PARA18");
    }

    @Test
    void priorityStatOrTheExtensionMeansRiskOfSignificantHarm() {
        String stat = text("message-safeguarding-concern.json").replace("\"priority\": \"urgent\"", "\"priority\": \"stat\"");
        ReferralEvent referral = (ReferralEvent) mapText(stat).events().get(0);
        assertThat(referral.concern().rag()).isEqualTo(Rag.RED);
        assertThat(referral.concern().riskOfSignificantHarm()).isTrue();

        String flagged = text("message-safeguarding-concern.json").replace("\"valueBoolean\": false", "\"valueBoolean\": true");
        assertThat(((ReferralEvent) mapText(flagged).events().get(0)).concern().riskOfSignificantHarm()).isTrue();
    }

    @Test
    void anEmergencyAttendanceSaysWhenWhereAndWhy() {
        ChildRecordEvent event = (ChildRecordEvent) map("message-emergency-attendance.json", FhirFormat.JSON).events().get(0);

        assertThat(event.recordType()).isEqualTo(RecordType.HEALTH_ATTENDANCE);
        HealthAttendanceData data = event.dataAs(HealthAttendanceData.class);
        assertThat(data.arrivedAt()).hasToString("2026-11-20T23:10:00Z");
        assertThat(data.leftAt()).hasToString("2026-11-21T02:45:00Z");
        assertThat(data.reason().text()).isEqualTo("Head injury, says he fell");
        assertThat(data.reason().codes()).extracting(c -> c.code()).containsExactly("82271004");
        assertThat(data.location()).isEqualTo("Demo General Hospital Emergency Department");
        assertThat(data.provider()).isEqualTo("Demo General Hospital");
    }

    @Test
    void aConsentUpdateIsAConsentStatementNotAnEvent() {
        MappedMessage mapped = map("message-consent-update.json", FhirFormat.JSON);

        assertThat(mapped.events()).isEmpty();
        ConsentStatement consent = mapped.consents().get(0);
        assertThat(mapped.consents()).hasSize(1);
        assertThat(consent.category()).isEqualTo("health.condition");
        assertThat(consent.state()).isEqualTo(ConsentState.REFUSED);
        assertThat(consent.from()).hasToString("2026-11-19");
        assertThat(consent.child().identifiers()).contains(Identifier.nhsNumber("9990987025"));
    }

    @Test
    void aPatientWithAnEndedAndACurrentAddressHasMoved() {
        ChildRecordEvent event = (ChildRecordEvent) map("message-patient-update.json", FhirFormat.JSON).events().get(0);

        assertThat(event.recordType()).isEqualTo(RecordType.ADDRESS_CHANGE);
        AddressChangeData data = event.dataAs(AddressChangeData.class);
        assertThat(data.previousAddress().postcode()).isEqualTo("EX14 9ZZ");
        assertThat(data.newAddress().postcode()).isEqualTo("EX13 9ZZ");
    }

    @Test
    void aPatientWithOneAddressIsADemographicsUpdate() {
        String oneAddress = text("message-patient-update.json")
                .replaceFirst("(?s)\\{\\s*\"use\": \"home\",\\s*\"line\": \\[\\s*\"9 Previous Place\".*?\\},\\s*(\\{)", "$1");
        ChildRecordEvent event = (ChildRecordEvent) mapText(oneAddress).events().get(0);

        assertThat(event.recordType()).isEqualTo(RecordType.DEMOGRAPHICS);
    }

    @Test
    void aBundleThatIsNotAMessageIsRefused() {
        String collection = text("message-emergency-attendance.json").replace("\"type\": \"message\"", "\"type\": \"collection\"");

        assertThat(problems(collection)).extracting(Problem::pointer).containsExactly("Bundle.type");
    }

    @Test
    void anUnknownEventCodeIsRefused() {
        String unknown = text("message-emergency-attendance.json").replace("\"emergency-attendance\"", "\"sweet-shop-visit\"");

        assertThat(problems(unknown)).extracting(Problem::pointer).contains("Bundle.entry[0].resource.event");
    }

    @Test
    void aMessageWithoutItsPatientIsRefused() {
        String withoutPatient = text("message-emergency-attendance.json")
                .replace("urn:uuid:6f1c2a3b-0012-4c5d-8e7f-000000000012\",\n      \"resource\": {\n        \"resourceType\": \"Patient\"",
                        "urn:uuid:ffffffff-0012-4c5d-8e7f-000000000012\",\n      \"resource\": {\n        \"resourceType\": \"Patient\"");

        assertThat(problems(withoutPatient)).extracting(Problem::pointer).contains("Bundle.entry[1].resource.subject");
    }

    @Test
    void aBadNhsNumberIsRefusedWithItsLocation() {
        String badCheckDigit = text("message-emergency-attendance.json").replace("9998611687", "9998611688");
        String notTenDigits = text("message-emergency-attendance.json").replace("9998611687", "999 861 1687");

        assertThat(problems(badCheckDigit)).extracting(Problem::pointer).containsExactly("Bundle.entry[2].resource.identifier[0].value");
        assertThat(problems(notTenDigits)).extracting(Problem::detail).anyMatch(d -> d.contains("mash-nhs-1"));
    }

    @Test
    void malformedJsonIsRefusedAsMalformed() {
        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> adapter.parse("{\"resourceType\": \"Bundle\", ".getBytes(StandardCharsets.UTF_8), FhirFormat.JSON));

        assertThat(e.kind()).isEqualTo(InvalidMessageException.Kind.MALFORMED);
    }

    @Test
    void anXmlExternalEntityIsRefusedAndNothingIsRead(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE Bundle [<!ENTITY xxe SYSTEM \"file://" + secret + "\">]>\n"
                + text("message-patient-update.xml").replace("<value value=\"GP-2026-11-0100\"/>", "<value value=\"&xxe;\"/>");

        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> adapter.parse(xxe.getBytes(StandardCharsets.UTF_8), FhirFormat.XML));

        assertThat(e.kind()).isEqualTo(InvalidMessageException.Kind.MALFORMED);
        assertThat(e.problems().toString()).doesNotContain("TOP-SECRET-CONTENT");
    }

    @Test
    void aMessageAboutAnAdultIsRefused() {
        String adult = text("message-emergency-attendance.json").replace("2014-07-02", "1999-07-02");

        NotAChildException e = catchThrowableOfType(NotAChildException.class,
                () -> adapter.parse(adult.getBytes(StandardCharsets.UTF_8), FhirFormat.JSON));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.pointer()).isEqualTo("Bundle.entry[2].resource");
            assertThat(p.detail()).contains("adult");
        });
    }

    @Test
    void theSameMessageGivesTheSameEventIds() {
        List<String> once = map("message-safeguarding-concern.json", FhirFormat.JSON).events().stream().map(CanonicalEvent::eventId).toList();
        List<String> again = map("message-safeguarding-concern.xml", FhirFormat.XML).events().stream().map(CanonicalEvent::eventId).toList();

        assertThat(once).isEqualTo(again);
    }

    private MappedMessage map(String example, FhirFormat format) {
        HealthMessageAdapter.HealthMessage message = adapter.parse(bytes(example), format);
        return adapter.toEvents(message, envelope(message.messageId()));
    }

    private MappedMessage mapText(String json) {
        HealthMessageAdapter.HealthMessage message = adapter.parse(json.getBytes(StandardCharsets.UTF_8), FhirFormat.JSON);
        return adapter.toEvents(message, envelope(message.messageId()));
    }

    private List<Problem> problems(String json) {
        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> adapter.parse(json.getBytes(StandardCharsets.UTF_8), FhirFormat.JSON));
        assertThat(e).as("expected a refusal").isNotNull();
        assertThat(e.kind()).isEqualTo(InvalidMessageException.Kind.INVALID);
        return e.problems();
    }
}
