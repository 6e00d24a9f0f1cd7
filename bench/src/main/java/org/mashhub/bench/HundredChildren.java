package org.mashhub.bench;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.mashhub.adapters.NhsNumber;

/**
 * A record export of 100 synthetic children, each with the EPR example child's encounters, condition,
 * flag and the rest: about 1,000 resources. NHS Numbers are generated in the 999 test range with a valid
 * check digit.
 */
final class HundredChildren {

    private HundredChildren() {
    }

    static String export(String eprExampleJson) {
        FhirContext context = FhirContext.forR4();
        Bundle example = context.newJsonParser().parseResource(Bundle.class, eprExampleJson);
        Bundle export = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int child = 0; child < 100; child++) {
            String childUrl = "urn:uuid:00000000-0000-4000-8000-" + String.format("%012d", child * 100);
            int n = 0;
            for (Bundle.BundleEntryComponent entry : example.getEntry()) {
                Resource resource = entry.getResource().copy();
                if (resource instanceof Patient patient && patient.getBirthDateElement().getYear() < 2008) {
                    continue; // the example's adult: leave her out, this is a bundle of children
                }
                String url = resource instanceof Patient ? childUrl
                        : "urn:uuid:00000000-0000-4000-8000-" + String.format("%012d", child * 100 + ++n);
                resource.setId(url.substring("urn:uuid:".length()));
                if (resource instanceof Patient patient) {
                    patient.getIdentifierFirstRep().setValue(nhsNumber(child));
                }
                repoint(resource, childUrl);
                export.addEntry().setFullUrl(url).setResource(resource).setRequest(entry.getRequest().copy());
            }
        }
        return context.newJsonParser().encodeResourceToString(export);
    }

    private static void repoint(Resource resource, String childUrl) {
        List<Reference> references = new ArrayList<>();
        switch (resource.fhirType()) {
            case "Encounter" -> references.add(((org.hl7.fhir.r4.model.Encounter) resource).getSubject());
            case "Condition" -> references.add(((org.hl7.fhir.r4.model.Condition) resource).getSubject());
            case "Flag" -> references.add(((org.hl7.fhir.r4.model.Flag) resource).getSubject());
            case "Immunization" -> references.add(((org.hl7.fhir.r4.model.Immunization) resource).getPatient());
            case "Observation" -> references.add(((org.hl7.fhir.r4.model.Observation) resource).getSubject());
            case "Claim" -> references.add(((org.hl7.fhir.r4.model.Claim) resource).getPatient());
            default -> { }
        }
        references.forEach(r -> r.setReference(childUrl));
    }

    /** A valid NHS Number in the 999 range reserved for test data. */
    static String nhsNumber(int seed) {
        for (int candidate = seed * 10; ; candidate++) {
            Optional<String> number = NhsNumber.withCheckDigit("999" + String.format("%06d", candidate % 1_000_000));
            if (number.isPresent()) {
                return number.get();
            }
        }
    }
}
