package org.mashhub.hub.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.mashhub.adapters.NhsNumber;
import org.mashhub.schemas.CanonicalJson;

/**
 * The health example messages ({@code schemas/health/examples}) about a made-up child of a test's own: a
 * fresh NHS Number, names and message id, so every test has children and messages no other test uses.
 */
public final class HealthBundles {

    static final Path DIRECTORY = Path.of("..", "schemas", "health", "examples");

    /** A made-up child: a valid NHS Number of the never-issued 999 range, names of letters only. */
    public record Child(String nhsNumber, String given, String family, String birthDate) {

        public static Child fresh() {
            return new Child(HealthBundles.nhsNumber(), "Ivy" + TestNames.letters(3), "Testname" + TestNames.letters(6),
                    "2016-0" + (1 + ThreadLocalRandom.current().nextInt(9)) + "-1" + ThreadLocalRandom.current().nextInt(10));
        }
    }

    private HealthBundles() {
    }

    /** An example message about the child, under a new message id. */
    public static ObjectNode about(String example, Child child) {
        ObjectNode bundle = read(example);
        ((ObjectNode) bundle.get("identifier")).put("value", "IT-" + UUID.randomUUID());
        for (JsonNode entry : bundle.get("entry")) {
            JsonNode resource = entry.get("resource");
            if ("Patient".equals(resource.get("resourceType").asText())) {
                ObjectNode patient = (ObjectNode) resource;
                // The partner's own patient id is an identifier too: one per child, as at a real trust.
                patient.put("id", "patient-" + child.nhsNumber());
                ((ObjectNode) patient.get("identifier").get(0)).put("value", child.nhsNumber());
                ObjectNode name = (ObjectNode) patient.get("name").get(0);
                name.put("family", child.family());
                name.putArray("given").add(child.given());
                patient.put("birthDate", child.birthDate());
            }
        }
        return bundle;
    }

    /** A consent update about the child: one data category, given (permit), refused (deny) or withdrawn (inactive). */
    public static ObjectNode consent(Child child, String category, String state) {
        ObjectNode bundle = about("message-consent-update.json", child);
        for (JsonNode entry : bundle.get("entry")) {
            JsonNode resource = entry.get("resource");
            if ("Consent".equals(resource.get("resourceType").asText())) {
                ObjectNode consent = (ObjectNode) resource;
                for (JsonNode concept : consent.get("category")) {
                    JsonNode coding = concept.get("coding").get(0);
                    if (coding.get("system").asText().endsWith("/data-category")) {
                        ((ObjectNode) coding).put("code", category);
                    }
                }
                switch (state) {
                    case "GIVEN" -> ((ObjectNode) consent.get("provision")).put("type", "permit");
                    case "REFUSED" -> ((ObjectNode) consent.get("provision")).put("type", "deny");
                    case "WITHDRAWN" -> consent.put("status", "inactive");
                    default -> throw new IllegalArgumentException(state);
                }
            }
        }
        return bundle;
    }

    /** The safeguarding concern about the child, with its priority and risk-of-significant-harm flag set. */
    public static ObjectNode concern(Child child, String priority, boolean riskOfSignificantHarm) {
        ObjectNode bundle = about("message-safeguarding-concern.json", child);
        for (JsonNode entry : bundle.get("entry")) {
            JsonNode resource = entry.get("resource");
            if ("Communication".equals(resource.get("resourceType").asText())) {
                ((ObjectNode) resource).put("priority", priority);
                ((ObjectNode) ((ArrayNode) resource.get("extension")).get(0)).put("valueBoolean", riskOfSignificantHarm);
            }
        }
        return bundle;
    }

    /**
     * The ids of the events a FHIR message became (none for consent updates), from the hub's receipt: the OperationOutcome
     * in its response message (synchronous {@code $process-message}), or the OperationOutcome alone.
     */
    public static java.util.List<String> eventIds(java.net.http.HttpResponse<String> receipt) {
        java.util.List<String> eventIds = new java.util.ArrayList<>();
        JsonNode answer = PartnerHttpClient.json(receipt);
        JsonNode outcome = answer.path("resourceType").asText().equals("Bundle") ? answer.at("/entry/1/resource") : answer;
        for (JsonNode issue : outcome.path("issue")) {
            for (JsonNode coding : issue.path("details").path("coding")) {
                if (coding.path("system").asText().equals(org.mashhub.hub.ingest.health.FhirOutcomes.EVENT_SYSTEM)) {
                    eventIds.add(coding.get("code").asText());
                }
            }
        }
        return eventIds;
    }

    public static byte[] bytes(JsonNode bundle) {
        return bundle.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static ObjectNode read(String example) {
        try {
            return (ObjectNode) CanonicalJson.mapper().readTree(DIRECTORY.resolve(example).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid NHS Number of the 999 range (never issued to anyone). */
    public static String nhsNumber() {
        while (true) {
            Optional<String> number = NhsNumber.withCheckDigit("999" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000)));
            if (number.isPresent()) {
                return number.get();
            }
        }
    }
}
