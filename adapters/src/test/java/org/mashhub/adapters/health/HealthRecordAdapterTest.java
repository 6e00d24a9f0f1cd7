package org.mashhub.adapters.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mashhub.adapters.health.HealthExamples.CLOCK;
import static org.mashhub.adapters.health.HealthExamples.FHIR;
import static org.mashhub.adapters.health.HealthExamples.bytes;
import static org.mashhub.adapters.health.HealthExamples.envelope;
import static org.mashhub.adapters.health.HealthExamples.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mashhub.adapters.InvalidMessageException;
import org.mashhub.adapters.MappedMessage;
import org.mashhub.adapters.NotAChildException;
import org.mashhub.adapters.ProcessingNote;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.Problem;
import org.mashhub.schemas.events.CanonicalEvent;
import org.mashhub.schemas.events.ChildProtectionFlagData;
import org.mashhub.schemas.events.ChildRecordEvent;
import org.mashhub.schemas.events.HealthConditionData;
import org.mashhub.schemas.events.Identifier;

class HealthRecordAdapterTest {

    final HealthRecordAdapter adapter = new HealthRecordAdapter(FHIR, CLOCK);

    @Test
    void anEprExportGivesTheChildsRecordAndRefusesTheMother() {
        MappedMessage mapped = map(bytes("transaction-epr-export.json"), FhirFormat.JSON);

        assertThat(mapped.events()).extracting(CanonicalEvent::kind)
                .containsExactly("DEMOGRAPHICS", "HEALTH_ATTENDANCE", "HEALTH_CONDITION", "CHILD_PROTECTION_FLAG");
        assertThat(mapped.events()).allSatisfy(e ->
                assertThat(e.child().identifiers()).contains(Identifier.nhsNumber("9996110974")));
        HealthConditionData asthma = ((ChildRecordEvent) mapped.events().get(2)).dataAs(HealthConditionData.class);
        assertThat(asthma.condition().text()).isEqualTo("Asthma");
        assertThat(asthma.clinicalStatus()).isEqualTo("active");
        ChildProtectionFlagData plan = ((ChildRecordEvent) mapped.events().get(3)).dataAs(ChildProtectionFlagData.class);
        assertThat(plan.flag()).isEqualTo("child-protection-plan");
        assertThat(plan.from()).hasToString("2026-06-01");

        assertThat(mapped.notes()).extracting(ProcessingNote::severity, ProcessingNote::location, ProcessingNote::text).contains(
                org.assertj.core.groups.Tuple.tuple(ProcessingNote.Severity.WARNING, "Bundle.entry[1].resource",
                        "refused: an adult (18 or over, no care-leaver flag): the hub takes information about children only; nothing of it was kept"),
                org.assertj.core.groups.Tuple.tuple(ProcessingNote.Severity.WARNING, "Bundle.entry",
                        "2 resource(s) about refused patients were not kept"));
        assertThat(mapped.notes()).extracting(ProcessingNote::text).contains(
                "left out as not safeguarding-relevant: 1 Claim",
                "left out as not safeguarding-relevant: 1 Encounter (not an emergency attendance)",
                "left out as not safeguarding-relevant: 1 Immunization",
                "left out as not safeguarding-relevant: 1 Observation");
        // Nothing of the mother, anywhere.
        assertThat(CanonicalJson.mapper().valueToTree(mapped.events()).toString()).doesNotContain("Rose", "9990608164", "Anxiety");
    }

    @Test
    void theXmlExportIsTheSameExport() {
        assertThat(map(bytes("transaction-epr-export.xml"), FhirFormat.XML))
                .isEqualTo(map(bytes("transaction-epr-export.json"), FhirFormat.JSON));
    }

    @Test
    void aSyntheaExportOfAChildGivesSchemaValidEvents() {
        MappedMessage mapped = map(bytes("synthea-child-transaction.json"), FhirFormat.JSON);

        assertThat(mapped.events()).extracting(CanonicalEvent::kind).containsOnly("DEMOGRAPHICS", "HEALTH_ATTENDANCE", "HEALTH_CONDITION");
        assertThat(mapped.events()).filteredOn(e -> e.kind().equals("DEMOGRAPHICS")).hasSize(1);
        assertThat(mapped.events()).filteredOn(e -> e.kind().equals("HEALTH_ATTENDANCE")).hasSize(1);
        assertThat(mapped.events()).filteredOn(e -> e.kind().equals("HEALTH_CONDITION")).hasSize(7);
        assertThat(mapped.events().get(0).child().birthDate()).hasToString("2023-03-11");
        assertThat(mapped.notes()).extracting(ProcessingNote::text).contains("left out as not safeguarding-relevant: 76 Observation");
        for (CanonicalEvent event : mapped.events()) {
            CanonicalEvent linked = event.withChild(event.child().withHubChildId("00000000-0000-4000-8000-000000000002"));
            JsonNode json = CanonicalJson.mapper().valueToTree(linked);
            assertThat(linked.contract().validate(json)).as(json.toString()).isEmpty();
        }
    }

    @Test
    void anExportOfAdultsOnlyIsRefused() {
        String adults = text("transaction-epr-export.json").replace("2016-09-12", "2001-09-12");

        NotAChildException e = catchThrowableOfType(NotAChildException.class,
                () -> adapter.parse(adults.getBytes(StandardCharsets.UTF_8), FhirFormat.JSON));

        assertThat(e.problems()).extracting(Problem::pointer).containsExactly("Bundle.entry[0].resource", "Bundle.entry[1].resource");
    }

    @Test
    void aCareLeaverIsKeptUntilTwentySix() {
        String careLeaver = text("transaction-epr-export.json").replace("2016-09-12", "2004-09-12")
                .replace("\"code\": \"child-protection-plan\"", "\"code\": \"care-leaver\"");

        MappedMessage mapped = map(careLeaver.getBytes(StandardCharsets.UTF_8), FhirFormat.JSON);

        assertThat(mapped.events()).extracting(CanonicalEvent::kind).contains("DEMOGRAPHICS", "CHILD_PROTECTION_FLAG");
    }

    @Test
    void aMessageBundleIsRefusedHere() {
        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> adapter.parse(bytes("message-patient-update.json"), FhirFormat.JSON));

        assertThat(e.problems()).extracting(Problem::pointer).containsExactly("Bundle.type");
    }

    @Test
    void problemsInWhatIsKeptAreLocatedInThePartnersBundle() throws Exception {
        ObjectNode export = (ObjectNode) CanonicalJson.mapper().readTree(bytes("transaction-epr-export.json"));
        ((ObjectNode) export.at("/entry/0/resource/identifier/0")).put("value", "9996110975");
        ((ObjectNode) export.at("/entry/4/resource/clinicalStatus/coding/0")).put("code", "dormant");

        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> adapter.parse(CanonicalJson.mapper().writeValueAsBytes(export), FhirFormat.JSON));

        assertThat(e.problems()).extracting(Problem::pointer)
                .contains("Bundle.entry[0].resource.identifier[0].value")
                .anyMatch(p -> p.startsWith("Bundle.entry[4]"));
    }

    private MappedMessage map(byte[] body, FhirFormat format) {
        HealthRecordAdapter.HealthRecord record = adapter.parse(body, format);
        return adapter.toEvents(record, record.exportId() == null ? "sha256:test" : record.exportId(),
                envelope(record.exportId() == null ? "sha256:test" : record.exportId()));
    }

}
