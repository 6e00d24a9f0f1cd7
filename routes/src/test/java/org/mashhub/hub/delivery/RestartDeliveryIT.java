package org.mashhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashhub.hub.testsupport.HousingExamples;
import org.mashhub.hub.testsupport.HubProcess;
import org.mashhub.hub.testsupport.PartnerHttpClient;
import org.mashhub.hub.testsupport.StandaloneCaseSystem;

/**
 * The packaged hub on its embedded defaults (H2 and Artemis under one data directory) is killed with
 * SIGKILL after acknowledging a message it could not yet deliver, because the case system was down.
 * Started again on the same data, it delivers every event of that message exactly once.
 */
class RestartDeliveryIT {

    static final String DEMO_SIGNING_SECRET = "whsec_ZGVtby1jYXNlLXN5c3RlbS1zaWduaW5nLXNlY3JldCE=";

    @TempDir
    Path work;

    @Test
    void anAcknowledgedMessageSurvivesAHardKillAndIsDeliveredExactlyOnce() throws Exception {
        int casePort = HubProcess.freePort();
        Path dataDir = Files.createDirectories(work.resolve("data"));
        Path log = work.resolve("hub.log");
        String[] settings = {
                "--spring.profiles.active=demo",
                "--hub.demo.traffic=false",
                "--hub.demo.history=false",
                "--hub.case-system.url=http://127.0.0.1:" + casePort,
                // keep trying while the case system is down, never park in this test
                "--hub.delivery.retry.max-attempts=100000",
                "--hub.delivery.retry.initial-delay=100ms",
                "--hub.delivery.retry.max-delay=500ms"};

        List<String> eventIds;
        HubProcess first = HubProcess.start(HubProcess.freePort(), dataDir, log, settings).awaitUp(Duration.ofSeconds(90));
        try {
            HttpResponse<String> accepted = new PartnerHttpClient(first.port()).postHousing("demo-housing-key",
                    HousingExamples.bytes(HousingExamples.fresh("duty-to-refer.json", "housing-demo")));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            eventIds = PartnerHttpClient.json(accepted).get("events").findValuesAsText("eventId");
            assertThat(eventIds).hasSize(2);
        } finally {
            first.kill();
        }

        try (StandaloneCaseSystem caseSystem = new StandaloneCaseSystem(casePort, DEMO_SIGNING_SECRET).start();
             HubProcess second = HubProcess.start(HubProcess.freePort(), dataDir, log, settings)) {
            second.awaitUp(Duration.ofSeconds(90));

            await().atMost(Duration.ofSeconds(60)).until(() -> caseSystem.caseSystem().received().size() == 2);
            assertThat(caseSystem.caseSystem().received()).extracting(r -> r.idempotencyKey())
                    .containsExactlyInAnyOrderElementsOf(eventIds);
            // Exactly once: no second attempt at either event, for a while after.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                    eventIds.stream().allMatch(id -> caseSystem.caseSystem().attempts(id) == 1));

            JsonNode audit = PartnerHttpClient.json(new PartnerHttpClient(second.port())
                    .getAsStaff("/api/v1/audit/verify", "auditor", "demo"));
            assertThat(audit.get("valid").asBoolean()).isTrue();
        }
    }
}
