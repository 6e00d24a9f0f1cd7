package org.mashhub.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashhub.hub.casesystem.SimulatedCaseSystem;
import org.mashhub.hub.testsupport.HousingExamples;
import org.mashhub.hub.testsupport.HubProcess;
import org.mashhub.hub.testsupport.PartnerHttpClient;
import org.mashhub.hub.testsupport.StandaloneArtemis;
import org.mashhub.hub.testsupport.StandaloneCaseSystem;
import org.mashhub.hub.testsupport.TestDatabases;

/**
 * The {@code external-broker} profile against the real Artemis distribution on loopback, with PostgreSQL and the
 * packaged hub as processes: a broker killed and restarted mid-stream loses and doubles nothing; two hub instances
 * on one broker and one database, competing consumers of one queue, keep each child's events in order, and when one
 * dies the other takes its work over.
 */
class ExternalBrokerIT {

    static final String SIGNING_SECRET = "whsec_ZGVtby1jYXNlLXN5c3RlbS1zaWduaW5nLXNlY3JldCE=";

    @TempDir
    Path work;

    @Test
    void aBrokerKilledAndRestartedMidStreamLosesNothingAndDoublesNothing() throws Exception {
        try (StandaloneArtemis broker = StandaloneArtemis.create(work);
             StandaloneCaseSystem caseSystem = new StandaloneCaseSystem(HubProcess.freePort(), SIGNING_SECRET).start();
             HubProcess hub = hub(broker, caseSystem, "hub").awaitUp(Duration.ofSeconds(120))) {
            PartnerHttpClient http = new PartnerHttpClient(hub.port());
            String run = letters();
            List<String> eventIds = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                if (i == 20) {
                    broker.kill();
                    broker.start();
                }
                eventIds.addAll(sendUntilAccepted(http, "Restart" + letters(i), "Brokerly" + run, "RESTART-" + run + "-" + i));
            }

            await().atMost(Duration.ofSeconds(90)).until(() -> heldKeys(caseSystem.caseSystem()).containsAll(eventIds));
            assertThat(caseSystem.caseSystem().received()).hasSize(eventIds.size());
            assertThat(heldKeys(caseSystem.caseSystem())).containsExactlyInAnyOrderElementsOf(eventIds);
        }
    }

    @Test
    void twoHubsOnOneBrokerAndDatabaseKeepEachChildsEventsInOrderAndOneTakesOverWhenTheOtherDies() throws Exception {
        try (StandaloneArtemis broker = StandaloneArtemis.create(work);
             StandaloneCaseSystem caseSystem = new StandaloneCaseSystem(HubProcess.freePort(), SIGNING_SECRET).start()) {
            String database = TestDatabases.freshPostgresSchemaUrl();
            try (HubProcess first = hub(broker, caseSystem, "first", database).awaitUp(Duration.ofSeconds(120));
                 HubProcess second = hub(broker, caseSystem, "second", database).awaitUp(Duration.ofSeconds(120))) {
                List<PartnerHttpClient> both = List.of(new PartnerHttpClient(first.port()), new PartnerHttpClient(second.port()));
                String run = letters();
                List<String> children = new ArrayList<>();
                for (int c = 0; c < 24; c++) {
                    children.add("Child" + letters(c));
                }
                Map<String, List<String>> sentInOrder = new java.util.concurrent.ConcurrentHashMap<>();
                // Each child's messages to either hub in turn: its events cross instances, through one broker and database.
                sendInTurn(children, both, run, 0, 4, sentInOrder);
                awaitInOrder(caseSystem, run, children, sentInOrder);
                assertThat(delivered(first) + delivered(second)).isPositive();

                first.kill();
                sendInTurn(children, List.of(both.get(1)), run, 4, 6, sentInOrder);

                awaitInOrder(caseSystem, run, children, sentInOrder);
                assertThat(delivered(second)).as("deliveries by the second hub once the first died").isGreaterThanOrEqualTo(children.size() * 2);
            }
        }
    }

    /** Messages {@code from} to {@code to} of each child, several children at once, each child's one after another. */
    private static void sendInTurn(List<String> children, List<PartnerHttpClient> hubs, String run, int from, int to,
                                   Map<String, List<String>> sentInOrder) throws Exception {
        ExecutorService partners = Executors.newFixedThreadPool(8);
        List<Future<?>> sending = new ArrayList<>();
        for (String child : children) {
            sending.add(partners.submit(() -> {
                for (int i = from; i < to; i++) {
                    String messageId = "TWO-" + run + "-" + child + "-" + i;
                    sendUntilAccepted(hubs.get(i % hubs.size()), child, "Twohubs" + run, messageId);
                    sentInOrder.computeIfAbsent(child, c -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(messageId);
                }
                return null;
            }));
        }
        for (Future<?> f : sending) {
            f.get();
        }
        partners.shutdown();
    }

    private static void awaitInOrder(StandaloneCaseSystem caseSystem, String run, List<String> children,
                                     Map<String, List<String>> sentInOrder) {
        int expected = sentInOrder.values().stream().mapToInt(List::size).sum();
        await().atMost(Duration.ofSeconds(90)).until(() -> caseSystem.caseSystem().received().stream()
                .map(r -> r.event().at("/source/partnerMessageId").asText()).filter(id -> id.startsWith("TWO-" + run)).distinct().count()
                >= expected);
        Map<String, List<String>> arrived = new HashMap<>();
        for (SimulatedCaseSystem.Received r : caseSystem.caseSystem().received()) {
            String messageId = r.event().at("/source/partnerMessageId").asText();
            if (messageId.startsWith("TWO-" + run)) {
                List<String> got = arrived.computeIfAbsent(messageId.split("-")[2], c -> new ArrayList<>());
                if (!got.contains(messageId)) {
                    got.add(messageId);
                }
            }
        }
        for (String child : children) {
            assertThat(arrived.get(child)).as(child).containsExactlyElementsOf(sentInOrder.get(child));
        }
    }

    // --- helpers

    private HubProcess hub(StandaloneArtemis broker, StandaloneCaseSystem caseSystem, String name) throws Exception {
        return hub(broker, caseSystem, name, TestDatabases.freshPostgresSchemaUrl());
    }

    private HubProcess hub(StandaloneArtemis broker, StandaloneCaseSystem caseSystem, String name, String databaseUrl) throws Exception {
        List<String> settings = new ArrayList<>(List.of("--spring.profiles.active=demo,external-broker", "--hub.demo.traffic=false",
                "--hub.demo.history=false", "--hub.case-system.url=" + caseSystem.url(),
                "--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=" + TestDatabases.user(),
                "--spring.datasource.password=" + TestDatabases.password()));
        settings.addAll(broker.hubSettings());
        settings.add("--hub.sharing.agreements-dir=" + permissiveAgreement());
        Path dataDir = java.nio.file.Files.createDirectories(work.resolve(name));
        return HubProcess.start(HubProcess.freePort(), dataDir, work.resolve(name + ".log"), settings.toArray(String[]::new));
    }

    /** The demo housing partner under the tests' public-task agreement: this test is about the broker, not consent. */
    private Path permissiveAgreement() throws java.io.IOException {
        Path dir = java.nio.file.Files.createDirectories(work.resolve("agreements"));
        String agreement = java.nio.file.Files.readString(Path.of("src", "test", "resources", "sharing", "isa-housing-test.yaml"))
                .replace("isa-housing-test", "isa-housing-demo-broker-test").replace("partner: housing-test", "partner: housing-demo");
        java.nio.file.Files.writeString(dir.resolve("isa-housing-demo.yaml"), agreement);
        return dir;
    }

    /** Sends as a partner would: a 503 (the broker away) is tried again until the hub takes the message. */
    private static List<String> sendUntilAccepted(PartnerHttpClient http, String given, String family, String messageId) {
        byte[] body = HousingExamples.bytes(HousingExamples.moveOf("housing-demo", given, family, messageId));
        List<String> eventIds = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            HttpResponse<String> response = http.postHousing("demo-housing-key", body);
            if (response.statusCode() == 202) {
                eventIds.addAll(PartnerHttpClient.json(response).get("events").findValuesAsText("eventId"));
                return true;
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            return false;
        });
        return eventIds;
    }

    private static List<String> heldKeys(SimulatedCaseSystem caseSystem) {
        return caseSystem.received().stream().map(SimulatedCaseSystem.Received::idempotencyKey).toList();
    }

    private static double delivered(HubProcess hub) {
        String metrics = new PartnerHttpClient(hub.port()).getAsStaff("/actuator/prometheus", "engineer", "demo").body();
        return Stream.of(metrics.split("\n")).filter(l -> l.startsWith("mash_hub_steps_total{partner=\"housing-demo\",step=\"delivered\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static String letters() {
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            letters.append((char) ('a' + java.util.concurrent.ThreadLocalRandom.current().nextInt(26)));
        }
        return letters.toString();
    }

    /** A name made of letters for a number (names have no digits). */
    private static String letters(int n) {
        return String.valueOf((char) ('a' + n / 26)) + (char) ('a' + n % 26);
    }
}
