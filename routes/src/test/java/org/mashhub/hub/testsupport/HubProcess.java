package org.mashhub.hub.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * The packaged hub ({@code routes/target/hub/mash-hub.jar}) as an operating-system process, so a test can
 * kill it the hard way (SIGKILL) and start it again on the same data.
 */
public final class HubProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private HubProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static HubProcess start(int port, Path dataDir, Path log, String... arguments) throws IOException {
        Path jar = Path.of(System.getProperty("hub.test.jar", "target/hub/mash-hub.jar"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--hub.data-dir=" + dataDir.toAbsolutePath()));
        command.addAll(List.of(arguments));
        if (command.stream().noneMatch(a -> a.startsWith("--hub.sharing.agreements-dir="))) {
            // the sample agreements of the repository, whatever the working directory
            command.add("--hub.sharing.agreements-dir=" + Path.of("..", "config", "sharing").toAbsolutePath().normalize());
        }
        if (command.stream().noneMatch(a -> a.startsWith("--hub.schools.inbox-dir="))) {
            // never the working directory's inbox/ (the source tree, under Maven)
            command.add("--hub.schools.inbox-dir=" + dataDir.toAbsolutePath().resolve("inbox").resolve("schools"));
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new HubProcess(process, port);
    }

    /** Waits for the hub to exit by itself (a start it refused); its exit code. */
    public int awaitExit(Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the hub is still running after " + atMost);
        }
        return process.exitValue();
    }

    public int port() {
        return port;
    }

    /** Waits until {@code /actuator/health/readiness} says UP (the database, the broker and the routes; not the case system). */
    public HubProcess awaitUp(Duration atMost) {
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub exited with " + process.exitValue());
            }
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().contains("\"UP\"");
        });
        return this;
    }

    /** SIGKILL: no shutdown hooks, no flushing, nothing graceful. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            kill();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
