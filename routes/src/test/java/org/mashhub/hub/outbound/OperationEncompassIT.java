package org.mashhub.hub.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mashhub.hub.testsupport.PartnerHttpClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.testsupport.HousingExamples;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.mashhub.hub.testsupport.PartnerHttpClient;

/**
 * A police notice of a domestic-abuse incident reaches the school of the child it names, and no other partner: the
 * child's name, date of birth and school, when it happened, whether the child was seen, and the officer; not the
 * narrative, not the adults. Due by 08:30 on the next school day (the tests configure no terms: every weekday).
 */
class OperationEncompassIT extends HubIntegrationTest {

    @Test
    void aDomesticAbuseNoticeReachesTheChildsSchoolAloneWithoutTheNarrative() throws Exception {
        String family = "Encompass" + org.mashhub.hub.testsupport.TestNames.letters(6);
        LocalDate born = HousingExamples.distinctBirthDate();
        List<String> contacts = sendPolice("PPN-E-" + UUID.randomUUID(), family, born);
        String lily = contacts.get(0); // named with the school (URN 113456) by the police
        String theo = contacts.get(1); // three years old: not of school age

        JsonNode notice = await().atMost(Duration.ofSeconds(20)).until(() -> encompassFor(PartnerHttpClient.SCHOOL_KEY, lily),
                java.util.Objects::nonNull);

        assertThat(notice.at("/child/name/given").asText()).isEqualTo("Lily");
        assertThat(notice.at("/child/name/family").asText()).isEqualTo(family);
        assertThat(notice.at("/child/birthDate").asText()).isEqualTo(born.toString());
        assertThat(notice.at("/body/schoolUrn").asText()).isEqualTo("113456");
        assertThat(notice.at("/body/incidentAt").asText()).isEqualTo("2026-11-20T23:15:00Z");
        assertThat(notice.at("/body/childSeen").asBoolean()).isTrue();
        assertThat(notice.at("/body/policeContact/name").asText()).startsWith("PC Jamie Patrolman");
        // Friday night's incident: due before school on Monday, 08:30 in London (GMT in November).
        assertThat(notice.get("dueBy").asText()).isEqualTo("2026-11-23T08:30:00Z");
        assertThat(notice.toString()).doesNotContain("Kerry", "Hypothetical Street", "DASH", "narrative", "HIGH");
        for (String otherKey : List.of(PartnerHttpClient.OTHER_SCHOOL_KEY, PartnerHttpClient.HOUSING_KEY, PartnerHttpClient.POLICE_KEY)) {
            assertThat(encompassFor(otherKey, lily)).as(otherKey).isNull();
        }
        assertThat(jdbc.queryForObject("select count(*) from partner_notification where about_event_id = ?", Integer.class, theo))
                .as("not of school age").isZero();
        assertThat(jdbc.queryForObject("select count(*) from encompass_check where event_id = ?", Integer.class, theo)).isEqualTo(1);
    }

    /**
     * The police do not name the school: the school the child's own school records name is told, with the child as the
     * school knows the child (its UPN too).
     */
    @Test
    void withoutASchoolFromThePoliceTheSchoolTheChildsRecordsNameIsTold() throws Exception {
        String family = "Encompass" + org.mashhub.hub.testsupport.TestNames.letters(6);
        LocalDate born = HousingExamples.distinctBirthDate();
        String upn = org.mashhub.hub.testsupport.SchoolFileExamples.randomUpn();
        String csv = "concern_id,school_urn,upn,given_name,family_name,birth_date,year_group,concern_category,concern_date,summary,"
                + "action_taken,rag,consent,dsl_name,dsl_phone,dsl_email\r\n"
                + "IT-" + UUID.randomUUID() + ",113456," + upn + ",Lily," + family + "," + born + ",5,neglect,"
                + "2026-11-18,\"Arrives hungry.\",\"Breakfast club\",GREEN,GIVEN,Alex Safeguardsworth,01392 000101,dsl@example.sch.uk\r\n";
        HttpResponse<String> uploaded = http.upload("/api/v1/schools/files", PartnerHttpClient.SCHOOL_KEY, "concerns.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(202);
        String fileId = json(uploaded).get("fileId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> json(http.getAsPartner("/api/v1/schools/files/" + fileId,
                PartnerHttpClient.SCHOOL_KEY)).get("status").asText().equals("DONE"));

        String notice = Files.readString(Path.of("..", "schemas", "police", "examples", "domestic-abuse-two-children.xml"))
                .replaceFirst("(?s)<School>.*?</School>", "");
        List<String> contacts = sendPolice("PPN-E-" + UUID.randomUUID(), family, born, notice);
        JsonNode told = await().atMost(Duration.ofSeconds(20)).until(() -> encompassFor(PartnerHttpClient.SCHOOL_KEY, contacts.get(0)),
                java.util.Objects::nonNull);

        assertThat(told.at("/body/schoolUrn").asText()).isEqualTo("113456");
        assertThat(told.at("/child/identifiers/0/value").asText()).isEqualTo(upn);
    }

    /** The police example notice (two children), under this reference and family name, the older child born that day. */
    private List<String> sendPolice(String reference, String family, LocalDate born) throws Exception {
        return sendPolice(reference, family, born, Files.readString(Path.of("..", "schemas", "police", "examples",
                "domestic-abuse-two-children.xml")));
    }

    private List<String> sendPolice(String reference, String family, LocalDate born, String example) throws Exception {
        String notice = example
                .replace("PPN-DC-2026-004512", reference).replace("DC-N-778102", "IT-" + UUID.randomUUID())
                .replace("DC-N-778103", "IT-" + UUID.randomUUID()).replace("Madeupson", family)
                .replace("2015-04-19", born.toString()).replace("2022-08-02", "2023-06-01");
        HttpResponse<String> response = http.postPoliceNotice(PartnerHttpClient.POLICE_KEY, notice);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String receipt = PartnerHttpClient.policeReceipt(response);
        return jdbc.queryForList("select event_id from accepted_event where hub_message_id = ? and kind = 'POLICE_CONTACT' "
                + "order by event_index", String.class, receipt);
    }

    private JsonNode encompassFor(String key, String contactEventId) {
        return http.notificationFor(key, "OPERATION_ENCOMPASS", contactEventId);
    }
}
