package org.mashhub.adapters.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mashhub.adapters.health.HealthExamples.FHIR;
import static org.mashhub.adapters.health.HealthExamples.text;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.Test;

/**
 * The validator that reuses HL7 InstanceValidators says exactly what HAPI's own says, message by message,
 * valid and invalid ones in turn, over more validations than one kept validator lives for (so one is replaced).
 */
class ReusingInstanceValidatorTest {

    @Test
    void saysWhatHapisOwnValidatorSaysAboutEachMessageInTurn() {
        IValidationSupport support = FHIR.validationSupport();
        FhirValidator hapi = FHIR.context().newValidator()
                .registerValidatorModule(HealthFhir.configured(new FhirInstanceValidator(support)));
        FhirValidator reusing = FHIR.context().newValidator()
                .registerValidatorModule(HealthFhir.configured(new ReusingInstanceValidator(support)));

        String attendance = text("message-emergency-attendance.json");
        Map<String, String> messages = Map.of(
                "safeguarding concern", text("message-safeguarding-concern.json"),
                "emergency attendance", attendance,
                "consent update", text("message-consent-update.json"),
                "not a message", attendance.replace("\"type\": \"message\"", "\"type\": \"collection\""),
                "unknown event", attendance.replace("\"emergency-attendance\"", "\"sweet-shop-visit\""),
                "bad NHS Number", attendance.replace("9998611687", "9998611688"),
                "unknown profile", attendance.replaceFirst("\"resourceType\": \"Bundle\",",
                        "\"resourceType\": \"Bundle\", \"meta\": {\"profile\": [\"https://example.org/no-such-profile\"]},"));
        List<String> order = new ArrayList<>(messages.keySet());
        int invalid = 0;
        for (int i = 0; i < 300; i++) { // more than ReusingInstanceValidator.REUSES
            String name = order.get(i % order.size());
            IBaseResource resource = FHIR.context().newJsonParser().parseResource(messages.get(name));
            List<String> expected = said(hapi, resource);
            assertThat(said(reusing, resource)).as(name + ", validation " + i).isEqualTo(expected);
            invalid += expected.stream().anyMatch(m -> m.startsWith("ERROR")) ? 1 : 0;
        }
        assertThat(invalid).as("validations with errors").isGreaterThan(80);
    }

    /** HL7's validator would keep every coding it checked, and with it each message's whole tree, for as long as it lives. */
    @Test
    void keepsNothingOfAMessageOnceItsValidationHasEnded() {
        ReusingInstanceValidator module = HealthFhir.configured(new ReusingInstanceValidator(FHIR.validationSupport()));
        FhirValidator reusing = FHIR.context().newValidator().registerValidatorModule(module);
        for (String example : List.of("message-safeguarding-concern.json", "message-emergency-attendance.json",
                "message-consent-update.json")) {
            assertThat(reusing.validateWithResult(FHIR.context().newJsonParser().parseResource(text(example))).isSuccessful())
                    .as(example).isTrue();
        }
        assertThat(module.codingsHeld()).isZero();
    }

    private static List<String> said(FhirValidator validator, IBaseResource resource) {
        return validator.validateWithResult(resource).getMessages().stream()
                .map(ReusingInstanceValidatorTest::line).sorted().toList();
    }

    private static String line(SingleValidationMessage m) {
        return m.getSeverity() + " " + m.getLocationString() + " " + m.getMessageId() + " " + m.getMessage();
    }
}
