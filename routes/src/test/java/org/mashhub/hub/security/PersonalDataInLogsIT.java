package org.mashhub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashhub.hub.testsupport.HealthBundles;
import org.mashhub.hub.testsupport.HousingExamples;
import org.mashhub.hub.testsupport.HubProcess;
import org.mashhub.hub.testsupport.PartnerHttpClient;
import org.mashhub.hub.testsupport.SchoolFileExamples;

/**
 * The packaged hub's whole log, with the hub's own packages at DEBUG, after every partner interface has carried made-up
 * children with unmistakable names, dates of birth and narratives, accepted and refused, and staff have searched for
 * and opened them: none of those details appears in it. Logs carry ids, never people.
 */
class PersonalDataInLogsIT {

    static final String GIVEN = "Zebediah";
    static final String FAMILY = "Quillfeatherby";
    static final String BIRTH_DATE = "2015-02-13";
    static final String NARRATIVE = "marmalade cupboard under the stairs";

    @TempDir
    Path work;

    @Test
    void noNameBirthDateOrNarrativeReachesTheLog() throws Exception {
        Path log = work.resolve("hub.log");
        try (HubProcess hub = HubProcess.start(HubProcess.freePort(), Files.createDirectories(work.resolve("data")), log,
                "--spring.profiles.active=demo", "--hub.demo.traffic=false", "--hub.demo.history=false",
                "--logging.level.org.mashhub=DEBUG")) {
            hub.awaitUp(Duration.ofSeconds(120));
            PartnerHttpClient http = new PartnerHttpClient(hub.port());

            // housing: accepted, and refused (a wrong NHS Number beside the name)
            ObjectNode move = HousingExamples.moveOf("housing-demo", GIVEN, FAMILY, "LOG-" + UUID.randomUUID());
            ObjectNode child = (ObjectNode) ((ArrayNode) move.at("/household/members")).get(1);
            child.put("birthDate", BIRTH_DATE);
            assertThat(http.postHousing("demo-housing-key", HousingExamples.bytes(move)).statusCode()).isEqualTo(202);
            child.put("nhsNumber", "1234567890").put("birthDate", "2099-01-01");
            move.put("messageId", "LOG-" + UUID.randomUUID());
            assertThat(http.postHousing("demo-housing-key", HousingExamples.bytes(move)).statusCode()).isEqualTo(422);

            // health: accepted, and refused
            HealthBundles.Child healthChild = new HealthBundles.Child(HealthBundles.nhsNumber(), GIVEN, FAMILY, BIRTH_DATE);
            ObjectNode concern = HealthBundles.concern(healthChild, "urgent", true);
            HttpResponse<String> accepted = http.post("/fhir/$process-message", "demo-health-key", "application/fhir+json",
                    HealthBundles.bytes(concern), null);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
            ObjectNode broken = HealthBundles.concern(new HealthBundles.Child("1234567890", GIVEN, FAMILY, "2099-13-45"), "urgent", true);
            assertThat(http.post("/fhir/$process-message", "demo-health-key", "application/fhir+json", HealthBundles.bytes(broken), null)
                    .statusCode()).isBetween(400, 499);

            // police: accepted, and refused (a child born in the future)
            String notice = Files.readString(Path.of("..", "schemas", "police", "examples", "missing-child.xml"))
                    .replaceFirst("<\\?xml[^>]*\\?>\\s*", "")
                    .replaceFirst("<NoticeId>[^<]+</NoticeId>", "<NoticeId>LOG-" + UUID.randomUUID() + "</NoticeId>")
                    .replaceAll("<GivenName>[^<]+</GivenName>", "<GivenName>" + GIVEN + "</GivenName>")
                    .replaceAll("<FamilyName>[^<]+</FamilyName>", "<FamilyName>" + FAMILY + "</FamilyName>");
            assertThat(soap(http, notice).statusCode()).isEqualTo(200);
            String future = notice.replaceFirst("<NoticeId>[^<]+</NoticeId>", "<NoticeId>LOG-" + UUID.randomUUID() + "</NoticeId>")
                    .replaceFirst("<BirthDate>[^<]+</BirthDate>", "<BirthDate>2099-01-01</BirthDate>");
            assertThat(soap(http, future).statusCode()).isEqualTo(500);

            // schools: a concerns file with a good row and a bad one
            String concerns = SchoolFileExamples.read("safeguarding-concerns.csv").replace("Lily", GIVEN).replace("Madeupson", FAMILY)
                    .replace("2015-04-19", BIRTH_DATE).replace("hid in her room", NARRATIVE);
            String[] lines = concerns.split("\n", 2);
            String badRow = lines[1].split("\n")[0].replace("P878200015001", "NOT-A-UPN").replace("CPOMS-", "CPOMS-X");
            HttpResponse<String> upload = http.upload("/api/v1/schools/files", "demo-school-key", "concerns-" + UUID.randomUUID() + ".csv",
                    (concerns + "\n" + badRow + "\n").getBytes(StandardCharsets.UTF_8));
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
            String fileId = PartnerHttpClient.json(upload).get("fileId").asText();
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    http.getAsPartner("/api/v1/schools/files/" + fileId, "demo-school-key").body().contains("DONE"));

            // staff: a search by name and date of birth, and the child's page
            HttpResponse<String> search = http.getAsStaff("/mash/search?given=" + GIVEN + "&family=" + FAMILY + "&birthDate=" + BIRTH_DATE,
                    "practitioner", "demo");
            assertThat(search.statusCode()).isEqualTo(200);
            String childLink = search.body().replaceAll("(?s).*?href=\"(/mash/children/[0-9a-f-]+)\".*", "$1");
            assertThat(http.getAsStaff(childLink, "practitioner", "demo").body()).contains(FAMILY);
        }

        String written = Files.readString(log);
        assertThat(written).contains("Started MashHubApplication"); // the log is the hub's
        for (String personal : List.of(GIVEN, FAMILY, BIRTH_DATE, NARRATIVE)) {
            assertThat(written).as("the log names " + personal).doesNotContainIgnoringCase(personal);
        }
    }

    private static HttpResponse<String> soap(PartnerHttpClient http, String notice) {
        String envelope = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + notice
                + "</soap:Body></soap:Envelope>";
        return http.post("/services/police", "demo-police-key", "text/xml; charset=UTF-8", envelope.getBytes(StandardCharsets.UTF_8), null);
    }
}
