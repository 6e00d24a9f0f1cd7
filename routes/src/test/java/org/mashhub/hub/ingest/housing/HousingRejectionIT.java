package org.mashhub.hub.ingest.housing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mashhub.hub.testsupport.PartnerHttpClient.HOUSING_KEY;
import static org.mashhub.hub.testsupport.PartnerHttpClient.HOUSING_PATH;
import static org.mashhub.hub.testsupport.PartnerHttpClient.OTHER_HOUSING_KEY;
import static org.mashhub.hub.testsupport.PartnerHttpClient.POLICE_KEY;
import static org.mashhub.hub.testsupport.PartnerHttpClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.testsupport.HousingExamples;
import org.mashhub.hub.security.FailedPartnerKeys;
import org.mashhub.hub.testsupport.HubIntegrationTest;

/**
 * Every way a housing notification is refused: each gets the right status as problem details, is
 * audited, and leaves nothing accepted behind.
 */
class HousingRejectionIT extends HubIntegrationTest {

    @Test
    void noKeyIs401AndAudited() {
        String correlationId = newCorrelationId();
        HttpResponse<String> response = http.post(HOUSING_PATH, null, "application/json", validBody(), correlationId);

        assertProblem(response, 401, "unauthenticated");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        context.getBean(FailedPartnerKeys.class).auditBatch(); // failures are audited in batches, not a row each
        assertAudited(correlationId, "AUTHENTICATION_FAILED", "missing-key count=1");
    }

    @Test
    void aWrongKeyIs401AndAudited() {
        String correlationId = newCorrelationId();
        HttpResponse<String> response = http.post(HOUSING_PATH, "not-a-key", "application/json", validBody(), correlationId);

        assertProblem(response, 401, "unauthenticated");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        context.getBean(FailedPartnerKeys.class).auditBatch();
        assertAudited(correlationId, "AUTHENTICATION_FAILED", "invalid-key count=1");
    }

    @Test
    void anotherKindOfPartnerIs403AndAudited() {
        String correlationId = newCorrelationId();
        HttpResponse<String> response = http.post(HOUSING_PATH, POLICE_KEY, "application/json", validBody(), correlationId);

        assertProblem(response, 403, "forbidden");
        assertAudited(correlationId, "ACCESS_DENIED", "status=403");
    }

    @Test
    void aPartnerSubmittingAsAnotherIs403AndAudited() {
        String correlationId = newCorrelationId();
        // housing-other's key, but the message says it is from housing-test
        HttpResponse<String> response = http.post(HOUSING_PATH, OTHER_HOUSING_KEY, "application/json", validBody(), correlationId);

        assertProblem(response, 403, "forbidden");
        assertAudited(correlationId, "REJECTED", "sender-is-another-partner");
    }

    @Test
    void notJsonIs400() {
        String correlationId = newCorrelationId();
        HttpResponse<String> response = http.post(HOUSING_PATH, HOUSING_KEY, "application/json",
                "{\"messageId\": ".getBytes(StandardCharsets.UTF_8), correlationId);

        assertProblem(response, 400, "malformed-message");
        assertAudited(correlationId, "REJECTED", "status=400");
    }

    @Test
    void duplicateKeysAre400() {
        String body = new String(validBody(), StandardCharsets.UTF_8).replaceFirst("\\{", "{\"caseReference\":\"A\",");
        HttpResponse<String> response = http.post(HOUSING_PATH, HOUSING_KEY, "application/json",
                body.getBytes(StandardCharsets.UTF_8), newCorrelationId());

        assertProblem(response, 400, "malformed-message");
        assertThat(json(response).at("/errors/0/detail").asText()).contains("Duplicate field 'caseReference'");
    }

    @Test
    void invalidUtf8Is400() {
        byte[] body = validBody();
        int at = new String(body, StandardCharsets.ISO_8859_1).indexOf("Samplewood");
        body[at] = (byte) 0xC3;
        body[at + 1] = (byte) 0x28;

        assertProblem(http.post(HOUSING_PATH, HOUSING_KEY, "application/json", body, newCorrelationId()), 400, "malformed-message");
    }

    @Test
    void aContractBreachIs422ListingEveryProblemWithAPointer() {
        ObjectNode notification = HousingExamples.fresh("duty-to-refer.json", "housing-test");
        ((ObjectNode) notification.get("household").get("members").get(1)).put("nhsNumber", "9993395634");
        ((ObjectNode) notification.get("household").get("members").get(2)).remove("birthDate");
        notification.put("effectiveDate", "yesterday");
        String correlationId = newCorrelationId();

        HttpResponse<String> response = http.post(HOUSING_PATH, HOUSING_KEY, "application/json",
                HousingExamples.bytes(notification), correlationId);

        assertProblem(response, 422, "invalid-message");
        assertThat(json(response).get("errors").findValuesAsText("pointer")).containsExactlyInAnyOrder(
                "/effectiveDate", "/household/members/1/nhsNumber", "/household/members/2/birthDate");
        assertAudited(correlationId, "REJECTED", "problems=3");
        assertThat(jdbc.queryForObject("select count(*) from inbound_message where partner_message_id = ?", Integer.class,
                notification.get("messageId").asText())).isZero();
    }

    @Test
    void theWrongMediaTypeIs415() {
        String correlationId = newCorrelationId();
        HttpResponse<String> response = http.post(HOUSING_PATH, HOUSING_KEY, "text/plain", validBody(), correlationId);

        assertProblem(response, 415, "unsupported-media-type");
        assertAudited(correlationId, "REJECTED", "status=415");
    }

    @Test
    void aMessageOverTheLimitIs413() {
        ObjectNode notification = HousingExamples.fresh("duty-to-refer.json", "housing-test");
        notification.putObject("reason").put("code", "OTHER").put("text", "x".repeat(1_100_000));
        String correlationId = newCorrelationId();

        HttpResponse<String> response = http.post(HOUSING_PATH, HOUSING_KEY, "application/json",
                HousingExamples.bytes(notification), correlationId);

        assertProblem(response, 413, "message-too-large");
        assertAudited(correlationId, "REJECTED", "status=413");
    }

    @Test
    void headersThatCouldSteerCamelChangeNothing() {
        ObjectNode notification = HousingExamples.fresh("household-move.json", "housing-test");
        HttpResponse<String> response = http.postWithHeaders(HOUSING_PATH, HOUSING_KEY, HousingExamples.bytes(notification),
                "CamelHttpUri", "http://127.0.0.1:1/elsewhere",
                "CAMELJMSDESTINATIONNAME", "hub.case-system.parked",
                "camelBeanMethodName", "toString");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).get("events")).hasSize(1);
    }

    private static byte[] validBody() {
        return HousingExamples.bytes(HousingExamples.fresh("duty-to-refer.json", "housing-test"));
    }

    private static String newCorrelationId() {
        return "it-" + UUID.randomUUID();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("type").asText()).isEqualTo("https://mash-hub.example/problems/" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
    }

    private void assertAudited(String correlationId, String action, String detailFragment) {
        assertThat(audited().queryForList("select action || ' ' || coalesce(detail, '') from audit_entry where correlation_id = ?",
                String.class, correlationId))
                .singleElement().satisfies(entry -> assertThat(entry).startsWith(action).contains(detailFragment));
    }
}
