package org.mashhub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mashhub.hub.testsupport.HealthBundles;
import org.mashhub.hub.testsupport.HousingExamples;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.mashhub.hub.testsupport.PartnerHttpClient;

/**
 * A hostile-input corpus for every partner interface, in one table: each input gets its interface's clear error
 * (problem+json, a FHIR OperationOutcome, a SOAP Fault), nothing of it is stored, and the hub stays ready. Text that is
 * merely nasty (SQL metacharacters, script, formula prefixes) in every field of an otherwise valid message is accepted
 * and kept verbatim, as data: it is never executed here, and the view escapes it (MashViewBrowserIT).
 * Each interface's own tests go further (PoliceNoticeIT: XXE reading a file, the audit of unreadable notices;
 * SchoolFilesIT: path traversal in upload names, formula injection in the error report).
 */
class HostileInputIT extends HubIntegrationTest {

    static final String HOUSING = "/api/v1/housing/notifications";
    static final String FHIR = "/fhir/$process-message";
    static final String SOAP = "/services/police";
    static final String NASTY = "');DROP TABLE accepted_event;--<script>alert(1)</script>=1+1 \\\"";

    record Hostile(String name, String path, String key, String contentType, byte[] body, int status, String errorForm) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Hostile> corpus() throws IOException {
        byte[] housing = HousingExamples.bytes(HousingExamples.fresh("household-move.json", "housing-test"));
        byte[] fhirJson = HealthBundles.bytes(HealthBundles.concern(HealthBundles.Child.fresh(), "urgent", false));
        String fhirXml = Files.readString(Path.of("..", "schemas", "health", "examples")
                .resolve(firstXmlExample())).replaceFirst("<\\?xml[^>]*\\?>\\s*", "");
        String notice = Files.readString(Path.of("..", "schemas", "police", "examples", "missing-child.xml"))
                .replaceFirst("<\\?xml[^>]*\\?>\\s*", "");
        String xxe = "<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>";
        String laughs = billionLaughs();
        String problem = "problem+json";
        String outcome = "OperationOutcome";
        String fault = "soap:Fault";
        return Stream.of(
                // housing, JSON over REST
                new Hostile("housing: duplicate keys", HOUSING, PartnerHttpClient.HOUSING_KEY, "application/json",
                        utf8(new String(housing, StandardCharsets.UTF_8).replaceFirst("\\{", "{\"messageId\":\"A\",")), 400, problem),
                new Hostile("housing: invalid UTF-8", HOUSING, PartnerHttpClient.HOUSING_KEY, "application/json",
                        invalidUtf8(housing), 400, problem),
                new Hostile("housing: deep nesting", HOUSING, PartnerHttpClient.HOUSING_KEY, "application/json",
                        utf8("[".repeat(100_000) + "]".repeat(100_000)), 400, problem),
                new Hostile("housing: huge", HOUSING, PartnerHttpClient.HOUSING_KEY, "application/json",
                        utf8("{\"pad\":\"" + "x".repeat(2_000_000) + "\"}"), 413, problem),
                new Hostile("housing: XML sent as JSON", HOUSING, PartnerHttpClient.HOUSING_KEY, "application/json",
                        utf8(xxe + "<r>&xxe;</r>"), 400, problem),
                new Hostile("housing: wrong content type", HOUSING, PartnerHttpClient.HOUSING_KEY, "text/plain", housing, 415, problem),
                // health, FHIR
                new Hostile("health: XXE in FHIR XML", FHIR, "test-health-key", "application/fhir+xml",
                        utf8(xxe.replace("DOCTYPE r", "DOCTYPE Bundle") + fhirXml.replaceFirst("<id value=\"[^\"]*\"/>", "<id value=\"&xxe;\"/>")),
                        400, outcome),
                new Hostile("health: billion laughs in FHIR XML", FHIR, "test-health-key", "application/fhir+xml",
                        utf8(laughs + "<Bundle xmlns=\"http://hl7.org/fhir\"><id value=\"&lol9;\"/></Bundle>"), 400, outcome),
                new Hostile("health: duplicate keys", FHIR, "test-health-key", "application/fhir+json",
                        utf8(new String(fhirJson, StandardCharsets.UTF_8).replaceFirst("\\{", "{\"type\":\"message\",")), 400, outcome),
                new Hostile("health: invalid UTF-8", FHIR, "test-health-key", "application/fhir+json", invalidUtf8(fhirJson), 400, outcome),
                new Hostile("health: deep nesting", FHIR, "test-health-key", "application/fhir+json",
                        utf8("{\"resourceType\":\"Bundle\",\"entry\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"), 400, outcome),
                new Hostile("health: wrong content type", FHIR, "test-health-key", "text/plain", fhirJson, 415, outcome),
                // police, SOAP (a SOAP 1.1 Fault travels with HTTP 500)
                new Hostile("police: XXE", SOAP, PartnerHttpClient.POLICE_KEY, "text/xml; charset=UTF-8",
                        utf8(xxe.replace("DOCTYPE r", "DOCTYPE soap:Envelope") + envelope(notice.replaceFirst("<NoticeId>", "<NoticeId>&xxe;"))),
                        500, fault),
                new Hostile("police: billion laughs", SOAP, PartnerHttpClient.POLICE_KEY, "text/xml; charset=UTF-8",
                        utf8(laughs + envelope("<x>&lol9;</x>")), 500, fault),
                new Hostile("police: deep nesting", SOAP, PartnerHttpClient.POLICE_KEY, "text/xml; charset=UTF-8",
                        utf8(envelope("<a>".repeat(5_000) + "</a>".repeat(5_000))), 500, fault),
                new Hostile("police: invalid UTF-8", SOAP, PartnerHttpClient.POLICE_KEY, "text/xml; charset=UTF-8",
                        invalidUtf8(utf8(envelope(notice))), 500, fault),
                new Hostile("police: JSON sent as SOAP", SOAP, PartnerHttpClient.POLICE_KEY, "text/xml; charset=UTF-8",
                        housing, 500, fault),
                // schools, multipart upload
                new Hostile("schools: not multipart", "/api/v1/schools/files", "test-school-key", "text/csv",
                        utf8("concern_id\n"), 415, problem));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aHostileInputGetsAClearErrorLeavesNothingAndTheHubStaysUp(Hostile input) {
        int messagesBefore = count("inbound_message");
        int eventsBefore = count("accepted_event");

        HttpResponse<String> response = http.post(input.path(), input.key(), input.contentType(), input.body(), null);

        assertThat(response.statusCode()).as(response.body()).isIn(input.status(), input.status() == 415 ? 400 : input.status());
        assertThat(response.headers().firstValue("Content-Type").orElse("") + response.body()).contains(input.errorForm());
        assertThat(response.body()).doesNotContain("root:x:0:0").doesNotContain("lollollol").doesNotContain("Exception");
        assertThat(count("inbound_message")).isEqualTo(messagesBefore);
        assertThat(count("accepted_event")).isEqualTo(eventsBefore);
        assertThat(http.getAsPartner("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void nastyTextInEveryFreeTextFieldIsKeptAsTextAndTheTablesStand() {
        ObjectNode housing = HousingExamples.fresh("household-move.json", "housing-test");
        // every field the format leaves free (the others have patterns, enums or dates, and refuse such text with a 422)
        for (String pointer : List.of("/sender/districtCouncil", "/caseReference", "/household/members/0/givenName",
                "/household/members/0/familyName", "/household/members/1/givenName", "/household/members/1/familyName",
                "/addresses/0/lines/0", "/addresses/0/town", "/addresses/0/district", "/addresses/1/lines/0", "/addresses/1/town",
                "/addresses/1/district", "/reason/text", "/officer/name", "/officer/role")) {
            String parent = pointer.substring(0, pointer.lastIndexOf('/'));
            String name = pointer.substring(pointer.lastIndexOf('/') + 1);
            JsonNode container = parent.isEmpty() ? housing : housing.at(parent);
            String poisoned = housing.at(pointer).asText() + NASTY;
            if (container instanceof ObjectNode object) {
                object.put(name, poisoned);
            } else {
                ((ArrayNode) container).set(Integer.parseInt(name), TextNode.valueOf(poisoned));
            }
        }

        HttpResponse<String> accepted = http.postHousing(PartnerHttpClient.HOUSING_KEY, HousingExamples.bytes(housing));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        List<String> eventIds = PartnerHttpClient.json(accepted).get("events").findValuesAsText("eventId");
        awaitDelivered(eventIds);
        JsonNode event = caseSystem.received().stream().filter(r -> r.idempotencyKey().equals(eventIds.get(0))).findFirst()
                .orElseThrow().event();
        assertThat(event.at("/child/name/family").asText()).isEqualTo("Mockford" + NASTY);
        assertThat(count("accepted_event")).isPositive(); // the table is still there
    }

    private int count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }

    private static String firstXmlExample() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "schemas", "health", "examples"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("message-") && n.endsWith(".xml"))
                    .sorted().findFirst().orElseThrow();
        }
    }

    private static String billionLaughs() {
        StringBuilder laughs = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        return laughs.append("]>").toString();
    }

    private static String envelope(String body) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + body
                + "</soap:Body></soap:Envelope>";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A lone continuation byte in the middle: not UTF-8. */
    private static byte[] invalidUtf8(byte[] body) {
        byte[] broken = body.clone();
        broken[broken.length / 2] = (byte) 0xC3;
        broken[broken.length / 2 + 1] = (byte) 0x28;
        return broken;
    }
}
