package org.mashhub.bench.casesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance kit against the packaged hub's own simulated case system (the demo's), which follows the contract, and
 * against a receiver that takes whatever comes without checking the signature, which does not.
 */
class CaseSystemCheckIT {

    static final String DEMO_SECRET = "whsec_ZGVtby1jYXNlLXN5c3RlbS1zaWduaW5nLXNlY3JldCE=";

    @TempDir
    Path work;

    @Test
    void theHubsOwnSimulatorFollowsTheContractPointByPoint() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process hub = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:TieredStopAtLevel=1", "-jar", Path.of("..", "routes", "target", "hub", "mash-hub.jar").toAbsolutePath().toString(),
                "--spring.profiles.active=demo", "--hub.demo.traffic=false", "--hub.demo.history=false", "--server.port=" + port,
                "--hub.data-dir=" + work.resolve("data"), "--hub.schools.inbox-dir=" + work.resolve("inbox"),
                "--hub.sharing.agreements-dir=" + Path.of("..", "config", "sharing").toAbsolutePath())
                .redirectErrorStream(true).redirectOutput(work.resolve("hub.log").toFile()).start();
        try {
            awaitReady(port);

            List<CaseSystemCheck.Point> points = new CaseSystemCheck("http://127.0.0.1:" + port + "/sim/case-system", DEMO_SECRET).run();

            assertThat(points).hasSize(9).allSatisfy(p -> assertThat(p.passed()).as(p.line()).isTrue());
        } finally {
            hub.destroy();
        }
    }

    @Test
    void aReceiverThatSkipsTheSignatureCheckFailsWithTheReason() throws Exception {
        Set<String> taken = ConcurrentHashMap.newKeySet();
        HttpServer careless = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        careless.createContext("/events", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(taken.add(exchange.getRequestHeaders().getFirst("webhook-id")) ? 201 : 409, -1);
            exchange.close();
        });
        careless.start();
        try {
            List<CaseSystemCheck.Point> points = new CaseSystemCheck("http://127.0.0.1:" + careless.getAddress().getPort(), DEMO_SECRET).run();

            assertThat(points).filteredOn(p -> !p.passed()).extracting(CaseSystemCheck.Point::line).containsExactly(
                    "FAIL refuses a signature made with another secret: answered 201; the contract: 401 or 403",
                    "FAIL refuses a timestamp ten minutes old (a replayed capture): answered 409; the contract: 401 or 403",
                    "FAIL refuses a delivery without a signature: answered 409; the contract: 401 or 403",
                    "FAIL kept nothing of the refused deliveries (the event, properly signed, is new to it): answered 409; "
                            + "the contract: 2xx; a 409 means a refused delivery was kept");
        } finally {
            careless.stop(0);
        }
    }

    private static void awaitReady(int port) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }
}
