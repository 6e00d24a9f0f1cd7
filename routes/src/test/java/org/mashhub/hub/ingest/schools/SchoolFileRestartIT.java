package org.mashhub.hub.ingest.schools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashhub.hub.casesystem.SimulatedCaseSystem;
import org.mashhub.hub.testsupport.HubProcess;
import org.mashhub.hub.testsupport.StandaloneCaseSystem;
import org.mashhub.adapters.schools.SyntheticAttendance;
import org.mashhub.hub.testsupport.TestDatabases;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The packaged hub is killed with SIGKILL halfway through a 100,000-row attendance file in a school's
 * folder, and started again on the same data: the file is finished with every mark kept once, every
 * attendance concern delivered exactly once, and the file moved to {@code .done}.
 */
class SchoolFileRestartIT {

    static final String DEMO_SIGNING_SECRET = "whsec_ZGVtby1jYXNlLXN5c3RlbS1zaWduaW5nLXNlY3JldCE=";

    @TempDir
    Path work;

    @Test
    void aFileInterruptedByAHardKillIsFinishedAfterRestartWithNothingLostAndNothingTwice() throws Exception {
        String databaseUrl = TestDatabases.freshPostgresSchemaUrl();
        JdbcTemplate database = new JdbcTemplate(new DriverManagerDataSource(databaseUrl, TestDatabases.user(), TestDatabases.password()));
        int casePort = HubProcess.freePort();
        Path dataDir = Files.createDirectories(work.resolve("data"));
        Path inbox = work.resolve("inbox");
        Path log = work.resolve("hub.log");
        String[] settings = {
                "--spring.profiles.active=demo",
                "--hub.demo.traffic=false",
                "--hub.demo.history=false",
                "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=" + TestDatabases.user(),
                "--spring.datasource.password=" + TestDatabases.password(),
                "--hub.schools.inbox-dir=" + inbox,
                "--hub.schools.poll-interval=200ms",
                "--hub.schools.events-per-submission=40",
                "--hub.case-system.url=http://127.0.0.1:" + casePort};
        Path folder = Files.createDirectories(inbox.resolve("school-demo"));
        Path generated = work.resolve("attendance.part");
        String laEstab = "87" + ThreadLocalRandom.current().nextInt(10_000, 100_000);
        SyntheticAttendance.Expected expected = SyntheticAttendance.write(generated, laEstab, 2500, 20, LocalDate.of(2026, 11, 20));
        int concerns = expected.persistentAbsence() + expected.possiblyMissing();

        try (StandaloneCaseSystem caseSystem = new StandaloneCaseSystem(casePort, DEMO_SIGNING_SECRET).start()) {
            HubProcess first = HubProcess.start(HubProcess.freePort(), dataDir, log, settings).awaitUp(Duration.ofSeconds(90));
            try {
                Files.move(generated, folder.resolve("attendance.csv"));
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> database.queryForObject("select count(*) from school_attendance_mark", Integer.class) > 0);
            } finally {
                first.kill();
            }
            int marksAtKill = database.queryForObject("select count(*) from school_attendance_mark", Integer.class);
            assertThat(marksAtKill).as("killed mid-file").isBetween(1, 99_999);
            assertThat(database.queryForList("select status from school_file", String.class)).containsExactly("PROCESSING");
            assertThat(folder.resolve("attendance.csv")).exists();

            try (HubProcess second = HubProcess.start(HubProcess.freePort(), dataDir, log, settings)) {
                second.awaitUp(Duration.ofSeconds(90));
                await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(folder.resolve(".done").resolve("attendance.csv")));

                assertThat(database.queryForMap("select status, rows_accepted, events from school_file"))
                        .containsEntry("status", "DONE").containsEntry("rows_accepted", 100_000).containsEntry("events", concerns);
                assertThat(database.queryForObject("select count(*) from school_attendance_mark", Integer.class)).isEqualTo(100_000);
                await().atMost(Duration.ofSeconds(60)).until(() -> caseSystem.caseSystem().received().size() == concerns);
                List<JsonNode> received = caseSystem.caseSystem().received().stream().map(SimulatedCaseSystem.Received::event).toList();
                assertThat(received.stream().map(e -> e.at("/child/identifiers/0/value").asText() + " " + e.at("/data/concern").asText())
                        .distinct().count()).isEqualTo(concerns);
                assertThat(received).filteredOn(e -> e.at("/data/concern").asText().equals("POSSIBLY_MISSING_EDUCATION"))
                        .hasSize(expected.possiblyMissing());
                assertThat(database.queryForObject("select count(*) from accepted_event", Integer.class)).isEqualTo(concerns);
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                        caseSystem.caseSystem().received().size() == concerns);
            }
        }
    }
}
