package org.mashhub.hub.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The real Artemis distribution ({@code org.apache.activemq:apache-artemis} bin zip, unpacked by the build into
 * {@code target/artemis}) as a broker instance of the test's own: created with {@code artemis create}, configured
 * with the repository's {@code docker/artemis/broker.xml} (the hub's queues, duplicate detection, redelivery, DLQ)
 * with only its core acceptor on a free loopback port, and run as a process a test can kill and start again.
 */
public final class StandaloneArtemis implements AutoCloseable {

    public static final String USER = "mash_hub";
    public static final String PASSWORD = "test-broker-password";

    private final Path instance;
    private final int port;
    private final Path log;
    private Process process;

    private StandaloneArtemis(Path instance, int port, Path log) {
        this.instance = instance;
        this.port = port;
        this.log = log;
    }

    /** Creates the instance (about five seconds) and starts it. */
    public static StandaloneArtemis create(Path dir) throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("artemis.home", "target/artemis/apache-artemis-2.44.0")).toAbsolutePath();
        int port = HubProcess.freePort();
        Path instance = dir.resolve("broker");
        Path log = dir.resolve("artemis.log");
        Process create = new ProcessBuilder(List.of(home.resolve("bin").resolve("artemis").toString(), "create", instance.toString(),
                "--user", USER, "--password", PASSWORD, "--role", "amq", "--require-login", "--silent", "--no-web", "--no-autotune",
                "--host", "127.0.0.1", "--default-port", String.valueOf(port), "--no-amqp-acceptor", "--no-mqtt-acceptor",
                "--no-stomp-acceptor", "--no-hornetq-acceptor"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!create.waitFor(120, TimeUnit.SECONDS) || create.exitValue() != 0) {
            throw new IllegalStateException("artemis create failed; see " + log);
        }
        String brokerXml = Files.readString(Path.of("..", "docker", "artemis", "broker.xml"))
                .replace("tcp://0.0.0.0:61616", "tcp://127.0.0.1:" + port);
        Files.writeString(instance.resolve("etc").resolve("broker.xml"), brokerXml);
        StandaloneArtemis broker = new StandaloneArtemis(instance, port, log);
        broker.start();
        return broker;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The hub's settings to use this broker. */
    public List<String> hubSettings() {
        return List.of("--hub.broker.url=" + url(), "--spring.artemis.user=" + USER, "--spring.artemis.password=" + PASSWORD);
    }

    public void start() throws IOException {
        process = new ProcessBuilder(List.of(instance.resolve("bin").resolve("artemis").toString(), "run"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker exited; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** SIGKILL, as a crash would: whatever the broker confirmed is in its synced journal. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
