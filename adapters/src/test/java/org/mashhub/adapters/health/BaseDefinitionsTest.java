package org.mashhub.adapters.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mashhub.adapters.health.HealthExamples.FHIR;
import static org.mashhub.adapters.health.HealthExamples.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.Test;
import org.mashhub.schemas.Problem;

/**
 * A validator warmed as the hub warms its own holds FHIR's base definitions once, as HL7's validator's copy, and says
 * what a validator holding both copies says: about messages broken against the base definitions' own rules (a required
 * cardinality, invariants), in entries reached directly and through references.
 */
class BaseDefinitionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aWarmedValidatorHoldsTheBaseDefinitionsOnce() {
        IBaseResource message = FHIR.context().newJsonParser().parseResource(text("message-safeguarding-concern.json"));
        assertThat(FHIR.validate(message)).isEmpty();
        // FHIR R4 has 657 base StructureDefinitions; the warm-up reaches them all.
        assertThat(FHIR.baseDefinitionsKeptOnce()).isGreaterThan(600);
    }

    @Test
    void aMessageBrokenAgainstTheBaseDefinitionsGetsTheSameProblemsAsFromAValidatorHoldingBothCopies() throws Exception {
        HealthFhir bothCopies = new HealthFhir();
        ObjectNode message = (ObjectNode) JSON.readTree(text("message-safeguarding-concern.json"));
        for (JsonNode entry : message.get("entry")) {
            ObjectNode resource = (ObjectNode) entry.get("resource");
            switch (resource.get("resourceType").asText()) {
                case "Patient" -> {
                    resource.putArray("telecom").addObject().put("value", "01632 960000");
                    resource.putArray("contact").addObject().put("gender", "female");
                }
                case "Communication" -> resource.remove("status");
                case "PractitionerRole" -> resource.putObject("period").put("start", "2026-02-01").put("end", "2026-01-01");
                case "Practitioner" -> resource.putArray("qualification").addObject().putObject("issuer").put("display", "Fictional");
                default -> { }
            }
        }
        IBaseResource broken = FHIR.context().newJsonParser().parseResource(message.toString());

        List<Problem> oneCopy = FHIR.validate(broken);
        List<Problem> twoCopies = bothCopies.validate(broken);

        assertThat(bothCopies.baseDefinitionsKeptOnce()).isZero();
        assertThat(oneCopy).containsExactlyInAnyOrderElementsOf(twoCopies);
        assertThat(oneCopy.stream().map(Problem::detail).toList())
                .anyMatch(d -> d.contains("cpt-2"))
                .anyMatch(d -> d.contains("pat-1"))
                .anyMatch(d -> d.contains("per-1"));
        assertThat(oneCopy.stream().map(Problem::pointer).toList())
                .anyMatch(p -> p.contains("qualification"))
                .anyMatch(p -> p.startsWith("Bundle.entry[1]"));
    }
}
