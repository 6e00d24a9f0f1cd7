package org.mashhub.hub.ingest.schools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mashhub.hub.testsupport.PartnerHttpClient.OTHER_SCHOOL_KEY;
import static org.mashhub.hub.testsupport.PartnerHttpClient.SCHOOL_KEY;
import static org.mashhub.hub.testsupport.PartnerHttpClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.casesystem.SimulatedCaseSystem;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.mashhub.hub.testsupport.SchoolFileExamples;
import org.springframework.beans.factory.annotation.Value;

/**
 * School files through the whole hub, by upload and by the watched folder: every format, the error
 * report, a file sent twice, and each way a file or a row is refused.
 */
class SchoolFilesIT extends HubIntegrationTest {

    static final String FILES = "/api/v1/schools/files";
    static final String CONCERN_HEADER = "concern_id,school_urn,upn,given_name,family_name,birth_date,year_group,"
            + "concern_category,concern_date,summary,action_taken,rag,consent,dsl_name,dsl_phone,dsl_email\n";

    @Value("${hub.schools.inbox-dir}")
    Path inbox;

    @Test
    void anUploadedConcernExportBecomesOneReferralPerRowAndTheFileMovesToDone() throws IOException {
        String file = uniqueConcerns(SchoolFileExamples.read("safeguarding-concerns.csv"));

        HttpResponse<String> response = http.upload(FILES, SCHOOL_KEY, "concerns.csv", bytes(file));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String fileId = json(response).get("fileId").asText();
        assertThat(response.headers().firstValue("Location")).hasValue(FILES + "/" + fileId);
        JsonNode status = awaitFinished(fileId, SCHOOL_KEY);
        assertThat(status.get("status").asText()).isEqualTo("DONE");
        assertThat(status.get("format").asText()).isEqualTo("SAFEGUARDING_CONCERNS");
        assertThat(status.get("rows").asInt()).isEqualTo(3);
        assertThat(status.get("events").asInt()).isEqualTo(3);
        List<JsonNode> referrals = awaitEventsOfFile(fileId, 3);
        assertThat(referrals).extracting(e -> e.at("/source/agency").asText()).containsOnly("education");
        assertThat(referrals).extracting(e -> e.at("/concern/rag").asText()).containsExactlyInAnyOrder("AMBER", "GREEN", "RED");
        assertThat(referrals).filteredOn(e -> e.at("/child/name/given").asText().equals("Lily")).singleElement()
                .satisfies(e -> assertThat(e.at("/concern/detail").asText()).contains("Action taken: - Spoke to Lily"));
        try (Stream<Path> done = Files.list(inbox.resolve("school-test").resolve(".done"))) {
            assertThat(done.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith("-concerns.csv"));
        }
        HttpResponse<String> errors = http.getAsPartner(FILES + "/" + fileId + "/errors", SCHOOL_KEY);
        assertThat(errors.statusCode()).isEqualTo(200);
        assertThat(errors.body().strip()).isEqualTo("row,field,value,reason");
        assertThat(audited().queryForList("select action from audit_entry where hub_message_id = ?", String.class, fileId))
                .containsExactly("FILE_PROCESSED");
    }

    @Test
    void aFourWeekAttendanceFileDroppedInTheFolderRaisesOnlyThePatternsAndADailyFileDoesNotRaiseThemAgain() throws IOException {
        Map<String, String> pupils = freshPupils("P878200015001", "J878200022004", "N878200016011", "C878200016012", "Q878200014020");
        String fourWeeks = withPupils(SchoolFileExamples.read("attendance-four-weeks.csv"), pupils);

        String fileId = drop("attendance-four-weeks.csv", fourWeeks);

        JsonNode status = awaitFinished(fileId, SCHOOL_KEY);
        assertThat(status.get("status").asText()).isEqualTo("DONE");
        assertThat(status.get("rowsAccepted").asInt()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from school_attendance_mark where file_id = ?", Integer.class, fileId))
                .isEqualTo(200);
        List<JsonNode> concerns = awaitEventsOfFile(fileId, 3);
        assertThat(concerns).extracting(e -> e.at("/recordType").asText()).containsOnly("ATTENDANCE_CONCERN");
        assertThat(concerns).extracting(e -> e.at("/child/identifiers/0/value").asText() + " " + e.at("/data/concern").asText())
                .containsExactlyInAnyOrder(pupils.get("N878200016011") + " PERSISTENT_ABSENCE",
                        pupils.get("C878200016012") + " PERSISTENT_ABSENCE",
                        pupils.get("C878200016012") + " POSSIBLY_MISSING_EDUCATION");
        assertThat(concerns).extracting(e -> e.at("/dataCategories/0").asText()).containsOnly("education.attendance");

        String daily = withPupils(SchoolFileExamples.read("attendance-daily.csv"), pupils);
        String dailyId = drop("attendance-daily.csv", daily);

        JsonNode dailyStatus = awaitFinished(dailyId, SCHOOL_KEY);
        assertThat(dailyStatus.get("rowsAccepted").asInt()).isEqualTo(10);
        assertThat(dailyStatus.get("events").asInt()).isZero();
    }

    @Test
    void aCommonTransferFileBecomesAnEnrolmentAndDemographicsPerPupil() {
        Map<String, String> pupils = freshPupils("Q878200014020", "P878200018033");
        String ctf = withPupils(SchoolFileExamples.read("ctf-transfer.xml"), pupils);

        HttpResponse<String> response = http.upload(FILES, SCHOOL_KEY, "transfer.xml", bytes(ctf));

        String fileId = json(response).get("fileId").asText();
        JsonNode status = awaitFinished(fileId, SCHOOL_KEY);
        assertThat(status.get("format").asText()).isEqualTo("COMMON_TRANSFER_FILE");
        assertThat(status.get("rowsAccepted").asInt()).isEqualTo(2);
        List<JsonNode> events = awaitEventsOfFile(fileId, 4);
        assertThat(events).extracting(e -> e.get("recordType").asText())
                .containsExactlyInAnyOrder("SCHOOL_ENROLMENT", "DEMOGRAPHICS", "SCHOOL_ENROLMENT", "DEMOGRAPHICS");
        assertThat(events).filteredOn(e -> e.get("recordType").asText().equals("SCHOOL_ENROLMENT"))
                .extracting(e -> e.at("/data/destinationSchool/urn").asText()).containsOnly("140321");
    }

    /** A school information system's full export: read, and the school told what was left aside, unread. */
    @Test
    void aFullCommonTransferFileIsReadAndWhatWasLeftAsideIsNamedInItsStatus() {
        Map<String, String> pupils = freshPupils("Q878200014020", "P878200018033");
        String ctf = withPupils(SchoolFileExamples.read("ctf-full-export.xml"), pupils);

        HttpResponse<String> response = http.upload(FILES, SCHOOL_KEY, "full-export.xml", bytes(ctf));

        JsonNode status = awaitFinished(json(response).get("fileId").asText(), SCHOOL_KEY);
        assertThat(status.get("status").asText()).isEqualTo("DONE");
        assertThat(status.get("rowsAccepted").asInt()).isEqualTo(2);
        assertThat(status.get("leftAside")).extracting(JsonNode::asText)
                .contains("UCI", "FSMhistory", "NAWdetails", "LookedAfter", "SENhistory", "StageAssessments", "AttendanceMarks");
    }

    @Test
    void badRowsGoToTheErrorReportBesideTheFileNeutralisedAndTheGoodRowsStillCount() throws IOException {
        String upn = SchoolFileExamples.randomUpn();
        String good = "IT-" + UUID.randomUUID();
        String file = CONCERN_HEADER
                + good + ",113456," + upn + ",Ivy,Testname,2016-01-02,5,neglect,2026-11-20,"
                + "\"=HYPERLINK(\"\"http://example.invalid\"\",\"\"click\"\")\",,,,A DSL,,\n"
                + "IT-" + UUID.randomUUID() + ",113456,A878200015001,Rex,Testname,2016-01-02,5,=cmd|' /C calc'!A0,2026-11-20,"
                + "Summary,,,,A DSL,,\n";

        String fileId = drop("mixed.csv", file);

        JsonNode status = awaitFinished(fileId, SCHOOL_KEY);
        assertThat(status.get("status").asText()).isEqualTo("DONE_WITH_ERRORS");
        assertThat(status.get("rowsAccepted").asInt()).isEqualTo(1);
        assertThat(status.get("rowsRejected").asInt()).isEqualTo(1);
        JsonNode referral = awaitEventsOfFile(fileId, 1).get(0);
        assertThat(referral.at("/concern/detail").asText()).isEqualTo("=HYPERLINK(\"http://example.invalid\",\"click\")");
        assertThat(referral.at("/source/reference").asText()).isEqualTo(good);

        String report = http.getAsPartner(FILES + "/" + fileId + "/errors", SCHOOL_KEY).body();
        assertThat(report).contains("3,upn,A878200015001,is not a valid UPN")
                .contains("3,concern_category,'=cmd|' /C calc'!A0,\"is not one of")
                .doesNotContain(",=cmd");
        Path beside = inbox.resolve("school-test").resolve("mixed.csv" + SchoolInbox.ERROR_REPORT_SUFFIX);
        assertThat(beside).exists();
        assertThat(Files.readString(beside)).isEqualTo(report);
    }

    @Test
    void theSameFileAgainByUploadOrFolderMakesNoSecondEvents() throws IOException {
        String file = uniqueConcerns(SchoolFileExamples.read("safeguarding-concerns.csv"));
        String fileId = json(http.upload(FILES, SCHOOL_KEY, "first.csv", bytes(file))).get("fileId").asText();
        awaitFinished(fileId, SCHOOL_KEY);
        List<JsonNode> first = awaitEventsOfFile(fileId, 3);

        HttpResponse<String> again = http.upload(FILES, SCHOOL_KEY, "renamed.csv", bytes(file));
        String droppedId = drop("renamed-again.csv", file);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("fileId").asText()).isEqualTo(fileId);
        assertThat(json(again).get("status").asText()).isEqualTo("DONE");
        assertThat(droppedId).isEqualTo(fileId);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve("school-test/.done/renamed-again.csv")));
        assertThat(eventsOfFile(fileId)).hasSize(first.size());
        assertThat(first).allSatisfy(e -> assertThat(caseSystem.attempts(e.get("eventId").asText())).isEqualTo(1));
    }

    @Test
    void aSymbolicLinkInTheFolderIsRefusedUnread() throws IOException {
        // a file the hub can read, outside the school's folder
        Path outside = Files.createTempFile("outside-the-folder-", ".csv");
        Files.writeString(outside, uniqueConcerns(SchoolFileExamples.read("safeguarding-concerns.csv")));
        long before = audited().queryForObject("select coalesce(max(seq), 0) from audit_entry", Long.class);
        long filesBefore = jdbc.queryForObject("select count(*) from school_file where partner_id = 'school-test'", Long.class);
        Path folder = Files.createDirectories(inbox.resolve("school-test"));
        Files.createSymbolicLink(folder.resolve("linked.csv"), outside);

        await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(folder.resolve("linked.csv"), java.nio.file.LinkOption.NOFOLLOW_LINKS));

        assertThat(audited().queryForList("select detail from audit_entry where seq > ? and action = 'REJECTED' and partner_id = 'school-test'",
                String.class, before)).anySatisfy(d -> assertThat(d).contains("not a regular file"));
        assertThat(jdbc.queryForObject("select count(*) from school_file where partner_id = 'school-test'", Long.class)).isEqualTo(filesBefore);
        assertThat(Files.list(folder).map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("linked.csv"));
        assertThat(outside).exists();
    }

    @Test
    void aFileOfNoKnownFormatIsRejectedWithAReport() throws IOException {
        String fileId = drop("notes.txt", "Dear MASH,\nplease see attached.\n" + UUID.randomUUID());

        JsonNode status = awaitFinished(fileId, SCHOOL_KEY);

        assertThat(status.get("status").asText()).isEqualTo("REJECTED");
        assertThat(http.getAsPartner(FILES + "/" + fileId + "/errors", SCHOOL_KEY).body()).contains("not a school file the hub knows");
        assertThat(eventsOfFile(fileId)).isEmpty();
    }

    @Test
    void aFileThatIsNotUtf8IsRejectedWhole() throws IOException {
        String file = CONCERN_HEADER + "IT-" + UUID.randomUUID() + ",113456," + SchoolFileExamples.randomUpn()
                + ",L\u00e9a,Testname,2016-01-02,5,neglect,2026-11-20,Summary,,,,A DSL,,\n";
        String fileId = drop("latin1.csv", file.getBytes(StandardCharsets.ISO_8859_1));

        JsonNode status = awaitFinished(fileId, SCHOOL_KEY);

        assertThat(status.get("status").asText()).isEqualTo("REJECTED");
        assertThat(http.getAsPartner(FILES + "/" + fileId + "/errors", SCHOOL_KEY).body()).contains("not UTF-8");
    }

    @Test
    void aSchoolSeesOnlyItsOwnFilesAndOtherPartnersNone() {
        String fileId = json(http.upload(FILES, SCHOOL_KEY, "own.csv",
                bytes(uniqueConcerns(SchoolFileExamples.read("safeguarding-concerns.csv"))))).get("fileId").asText();

        assertThat(http.getAsPartner(FILES + "/" + fileId, OTHER_SCHOOL_KEY).statusCode()).isEqualTo(404);
        assertThat(http.getAsPartner(FILES + "/" + fileId + "/errors", OTHER_SCHOOL_KEY).statusCode()).isEqualTo(404);
        assertThat(http.getAsPartner(FILES + "/" + fileId, "test-housing-key").statusCode()).isEqualTo(403);
        assertThat(http.upload(FILES, null, "x.csv", bytes("x")).statusCode()).isEqualTo(401);
    }

    @Test
    void anUploadedNameCannotLeaveThePartnersFolder() {
        String file = uniqueConcerns(SchoolFileExamples.read("safeguarding-concerns.csv"));

        HttpResponse<String> response = http.upload(FILES, SCHOOL_KEY, "../../../etc/cron.d/evil.csv", bytes(file));

        assertThat(response.statusCode()).isEqualTo(202);
        String stored = json(response).get("fileName").asText();
        assertThat(stored).endsWith("-evil.csv").doesNotContain("/").doesNotContain("..");
        awaitFinished(json(response).get("fileId").asText(), SCHOOL_KEY);
        assertThat(inbox.resolve("school-test/.done").resolve(stored)).exists();
    }

    @Test
    void anUploadThatIsNotMultipartOrTooLargeIsRefused() {
        HttpResponse<String> plain = http.post(FILES, SCHOOL_KEY, "text/csv", bytes("concern_id\n"), null);
        assertThat(plain.statusCode()).isIn(400, 415);
        assertThat(plain.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
    }

    // --- helpers

    private String drop(String name, String content) throws IOException {
        return drop(name, bytes(content));
    }

    /** Drops a file into the school's folder the way a partner would (written aside, then renamed in). */
    private String drop(String name, byte[] content) throws IOException {
        Path folder = Files.createDirectories(inbox.resolve("school-test"));
        Path temporary = folder.resolve("." + name + ".part");
        Files.write(temporary, content);
        Files.move(temporary, folder.resolve(name));
        String sha = java.util.HexFormat.of().formatHex(sha256(content));
        return org.mashhub.schemas.events.EventIds.hubMessageId("school-test", "file:" + sha);
    }

    private JsonNode awaitFinished(String fileId, String key) {
        JsonNode[] status = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> response = http.getAsPartner(FILES + "/" + fileId, key);
            if (response.statusCode() != 200) {
                return false;
            }
            status[0] = json(response);
            return List.of("DONE", "DONE_WITH_ERRORS", "REJECTED").contains(status[0].get("status").asText());
        });
        return status[0];
    }

    private List<JsonNode> awaitEventsOfFile(String fileId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> eventsOfFile(fileId).size() >= count);
        return eventsOfFile(fileId);
    }

    /** Events the case system holds whose message came from this file (by the file's correlation id). */
    private List<JsonNode> eventsOfFile(String fileId) {
        String correlationId = jdbc.queryForObject("select correlation_id from school_file where file_id = ?", String.class, fileId);
        return caseSystem.received().stream().map(SimulatedCaseSystem.Received::event)
                .filter(e -> e.get("correlationId").asText().equals(correlationId)).toList();
    }

    /** The example with concern ids and UPNs no other test uses, so it is a new file with new pupils. */
    private static String uniqueConcerns(String csv) {
        Map<String, String> pupils = freshPupils("P878200015001", "N878200016011", "C878200016012");
        return withPupils(csv, pupils).replace("CPOMS-113456-2026-", "IT-" + UUID.randomUUID().toString().substring(0, 8) + "-");
    }

    private static Map<String, String> freshPupils(String... upns) {
        Map<String, String> fresh = new LinkedHashMap<>();
        for (String upn : upns) {
            fresh.put(upn, SchoolFileExamples.randomUpn());
        }
        return fresh;
    }

    private static String withPupils(String content, Map<String, String> pupils) {
        String result = content;
        for (Map.Entry<String, String> pupil : pupils.entrySet()) {
            result = result.replace(pupil.getKey(), pupil.getValue());
        }
        return result;
    }

    private static byte[] bytes(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] content) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(content);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
