package org.mashhub.hub.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.testsupport.HousingExamples;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.mashhub.hub.testsupport.PartnerHttpClient;
import org.mashhub.hub.testsupport.SchoolFileExamples;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Partner connections as files, changed while the hub runs: a new district council's housing system is one new
 * file (and its agreement), a school's file starts a folder route from the template, a broken file is refused and
 * leaves what ran before running.
 */
class ConnectionFilesIT extends HubIntegrationTest {

    static Path connections;
    static Path agreements;

    @DynamicPropertySource
    static void connectionAndAgreementFolders(DynamicPropertyRegistry registry) throws IOException {
        connections = Files.createTempDirectory("mash-connections-");
        agreements = Files.createTempDirectory("mash-agreements-");
        try (Stream<Path> files = Files.list(Path.of("src", "test", "resources", "sharing"))) {
            for (Path file : files.toList()) {
                Files.copy(file, agreements.resolve(file.getFileName()));
            }
        }
        registry.add("hub.connections.dir", connections::toString);
        registry.add("hub.connections.poll-interval", () -> "300ms");
        registry.add("hub.sharing.agreements-dir", agreements::toString);
    }

    @Autowired
    CamelContext camel;

    @Test
    void aHousingConnectionAddedWhileRunningTakesMessagesUnderItsAgreementAndLimit() throws IOException {
        String partner = "newtown-housing-" + suffix();
        agreement(partner, "isa-housing-test.yaml");
        write(partner + ".yaml", connection(partner, "housing", "{noop}" + partner + "-key", "64KB"));
        awaitInForce(partner);

        HttpResponse<String> accepted = http.postHousing(partner + "-key", HousingExamples.bytes(
                HousingExamples.moveOf(partner, "Nova", "Newtownson", "IT-" + UUID.randomUUID())));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String eventId = PartnerHttpClient.json(accepted).at("/events/0/eventId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> caseSystem.received().stream().anyMatch(r -> r.idempotencyKey().equals(eventId)));
        assertThat(caseSystem.received().stream().filter(r -> r.idempotencyKey().equals(eventId)).findFirst().orElseThrow()
                .event().at("/sharing/decision").asText()).isEqualTo("SHARE");
        byte[] large = ("{\"padding\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(http.postHousing(partner + "-key", large).statusCode()).isEqualTo(413);
    }

    @Test
    void aBrokenConnectionFileIsRefusedWithEveryProblemAndWhatRanBeforeKeepsRunning() throws IOException {
        String partner = "oldtown-housing-" + suffix();
        agreement(partner, "isa-housing-test.yaml");
        write(partner + ".yaml", connection(partner, "housing", "{noop}" + partner + "-key", null));
        awaitInForce(partner);

        write(partner + ".yaml", "partner: " + partner + "\nkind: ferry\nagreement: no-such-isa.yaml\ncolour: blue\n");
        write("nonsense-" + partner + ".yaml", "partner: " + partner + "-two\nkind: housing\nagreement: no-such-isa.yaml\n");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(connectionsAsEngineer().get("refused").toString())
                .contains(partner + ".yaml", "kind")
                .contains("nonsense-" + partner + ".yaml", "'credentials' needs exactly one of api-key-hash or api-key-hash-from",
                        "agreement: there is no file no-such-isa.yaml"));
        assertThat(connectionsAsEngineer().get("inForce").findValuesAsText("partner")).contains(partner)
                .doesNotContain(partner + "-two");
        HttpResponse<String> stillAccepted = http.postHousing(partner + "-key", HousingExamples.bytes(
                HousingExamples.moveOf(partner, "Olive", "Oldtownson", "IT-" + UUID.randomUUID())));
        assertThat(stillAccepted.statusCode()).as(stillAccepted.body()).isEqualTo(202);

        Files.delete(connections.resolve(partner + ".yaml"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !connectionsAsEngineer().get("inForce").findValuesAsText("partner").contains(partner));
        assertThat(http.postHousing(partner + "-key", HousingExamples.bytes(
                HousingExamples.moveOf(partner, "Olive", "Oldtownson", "IT-" + UUID.randomUUID()))).statusCode()).isEqualTo(401);
    }

    @Test
    void aSchoolConnectionStartsAFolderRouteFromTheTemplateAndStopsItWhenSwitchedOff() throws IOException {
        String partner = "newtown-school-" + suffix();
        agreement(partner, "isa-school-test.yaml");
        write(partner + ".yaml", connection(partner, "schools", "{noop}" + partner + "-key", null));
        await().atMost(Duration.ofSeconds(10)).until(() -> camel.getRoute("school-files-" + partner) != null);

        String csv = "concern_id,school_urn,upn,given_name,family_name,birth_date,year_group,concern_category,concern_date,summary,"
                + "action_taken,rag,consent,dsl_name,dsl_phone,dsl_email\r\n"
                + "IT-" + UUID.randomUUID() + ",113456," + SchoolFileExamples.randomUpn() + ",Nell,Newtownley,2016-02-03,5,neglect,"
                + "2026-11-20,\"Arrives hungry.\",\"Breakfast club\",AMBER,GIVEN,Alex Safeguardsworth,01392 000101,dsl@example.sch.uk\r\n";
        HttpResponse<String> uploaded = http.upload("/api/v1/schools/files", partner + "-key", "concerns.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(202);
        String fileId = PartnerHttpClient.json(uploaded).get("fileId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> !PartnerHttpClient.json(http.getAsPartner("/api/v1/schools/files/" + fileId,
                partner + "-key")).get("status").asText().matches("RECEIVED|PROCESSING"));
        assertThat(http.getAsPartner("/api/v1/schools/files/" + fileId, partner + "-key").body()).contains("\"status\":\"DONE\"");

        write(partner + ".yaml", connection(partner, "schools", "{noop}" + partner + "-key", null) + "enabled: false\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> camel.getRoute("school-files-" + partner) == null);
    }

    // --- helpers

    private static String connection(String partner, String kind, String hash, String maxMessageBytes) {
        return "partner: " + partner + "\nkind: " + kind + "\nname: " + partner + " (test)\ncredentials:\n  api-key-hash: \"" + hash + "\"\n"
                + "agreement: isa-" + partner + ".yaml\n" + (maxMessageBytes == null ? "" : "limits:\n  max-message-bytes: " + maxMessageBytes + "\n");
    }

    /** An agreement for the partner, like the test one named. */
    private static void agreement(String partner, String like) throws IOException {
        String text = Files.readString(agreements.resolve(like)).replaceFirst("(?m)^agreement: .*$", "agreement: isa-" + partner)
                .replaceFirst("(?m)^partner: .*$", "partner: " + partner);
        write(agreements, "isa-" + partner + ".yaml", text);
    }

    private static void write(String name, String text) throws IOException {
        write(connections, name, text);
    }

    /** Written whole, then moved in: the hub never reads half a file. */
    private static void write(Path dir, String name, String text) throws IOException {
        Path part = dir.resolve("." + name + ".part");
        Files.writeString(part, text);
        Files.move(part, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private void awaitInForce(String partner) {
        await().atMost(Duration.ofSeconds(10)).until(() -> connectionsAsEngineer().get("inForce").findValuesAsText("partner").contains(partner));
    }

    private JsonNode connectionsAsEngineer() {
        return PartnerHttpClient.json(http.getAsStaff("/api/v1/admin/connections", "engineer", "test-engineer"));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
