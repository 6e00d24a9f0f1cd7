package org.mashhub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mashhub.hub.testsupport.PartnerHttpClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.testsupport.HealthBundles;
import org.mashhub.hub.testsupport.HousingExamples;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.mashhub.hub.testsupport.PartnerHttpClient;

/**
 * Input that once reached a 500 (with names and narrative in the log) or was stored when it should not have been: each
 * gets a clear 4xx in its interface's terms naming every problem, and nothing is written.
 */
class BadInputIT extends HubIntegrationTest {

    static final String LONG = "x".repeat(2_001);

    @Test
    void consentForAChildPartnerOrCategoryThatDoesNotExistIsRefusedWithEveryProblem() {
        long before = jdbc.queryForObject("select count(*) from consent_record", Long.class);
        HttpResponse<String> response = http.postAsStaff("/api/v1/consent", "manager", "test-manager", """
                {"hubChildId":"no-such-child","partnerId":"no-such-partner","category":"horoscopes","state":"GIVEN",
                 "note":"%s"}""".formatted(LONG));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(json(response).get("errors").findValuesAsText("pointer"))
                .containsExactlyInAnyOrder("/hubChildId", "/partnerId", "/category", "/note");
        assertThat(jdbc.queryForObject("select count(*) from consent_record", Long.class)).isEqualTo(before);
    }

    @Test
    void overLongReasonsAndNotesAreA422NotA500() {
        String reason = "{\"reason\":\"" + LONG + "\"}";
        for (String path : new String[] {"/api/v1/admin/dead-letters/" + UUID.randomUUID() + "/discard"}) {
            HttpResponse<String> response = http.postAsStaff(path, "engineer", "test-engineer", reason);
            assertThat(response.statusCode()).as(path).isEqualTo(422);
        }
        for (String path : new String[] {"/api/v1/sharing/withheld/" + UUID.randomUUID() + "/release",
                "/api/v1/sharing/withheld/" + UUID.randomUUID() + "/refuse",
                "/api/v1/identity/reviews/" + UUID.randomUUID() + "/new-child"}) {
            HttpResponse<String> response = http.postAsStaff(path, "manager", "test-manager",
                    "{\"reason\":\"" + "x".repeat(path.contains("identity") ? 501 : 2_001) + "\"}");
            assertThat(response.statusCode()).as(path).isEqualTo(422);
            assertThat(json(response).get("detail").asText()).as(path).contains("may be at most");
            assertThat(json(response).has("correlationId")).isTrue();
        }
    }

    @Test
    void aMatchQueryLargerThanItsLimitIsA413() {
        HttpResponse<String> response = http.postAsStaff("/api/v1/identity/match", "practitioner", "test-practitioner",
                "{\"givenName\":\"" + "x".repeat(70_000) + "\"}");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    }

    @Test
    void theLongestNamesTheHousingSchemaAllowsAreAccepted() {
        ObjectNode notification = HousingExamples.moveOf("housing-test", "G".repeat(100), "F".repeat(100), "LONG-" + UUID.randomUUID());
        for (JsonNode member : notification.get("household").get("members")) {
            ArrayNode others = ((ObjectNode) member).putArray("otherNames");
            for (int i = 0; i < 10; i++) {
                others.add(("Other" + i).repeat(40).substring(0, 200));
            }
            ((ObjectNode) member).put("givenName", "G".repeat(99) + member.get("memberId").asText())
                    .put("familyName", "F".repeat(100));
        }
        HttpResponse<String> response = http.postHousing(PartnerHttpClient.HOUSING_KEY, HousingExamples.bytes(notification));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    @Test
    void aFhirErrorAnswerIsBoundedHoweverBrokenTheMessage() {
        ObjectNode bundle = HealthBundles.concern(HealthBundles.Child.fresh(), "urgent", false);
        for (JsonNode entry : bundle.get("entry")) {
            ObjectNode resource = (ObjectNode) entry.get("resource");
            if ("Patient".equals(resource.get("resourceType").asText())) {
                ArrayNode names = resource.putArray("name");
                for (int i = 0; i < 2_000; i++) {
                    names.addObject().put("use", "not-a-use-" + "y".repeat(400) + i);
                }
            }
        }
        byte[] body = HealthBundles.bytes(bundle);
        assertThat(body.length).isGreaterThan(800_000);

        HttpResponse<String> response = http.post("/fhir/$process-message", "test-health-key", "application/fhir+json", body, null);

        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(response.body()).contains("OperationOutcome", "more problems not listed");
        assertThat(response.body().length()).isLessThan(200_000);
    }
}
