package org.mashhub.bench.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.mashhub.bench.load.PartnerMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash test: partners send a mixed load (housing JSON, FHIR messages, police notices over SOAP) while the hub
 * process is killed with SIGKILL at random moments and started again on the same data. Each partner does what the
 * contract asks of it: it sends the same message again (same message id) until it gets a receipt. Each worker is one
 * partner system writing about its own three children, one message at a time, so every message it sends was sent
 * after the one before was acknowledged: the case system must see them in that order.
 *
 * <p>The case system here counts every attempt by {@code Idempotency-Key} and keeps the first. At the end: every
 * acknowledged event delivered, none delivered under two event ids for the same partner message (a doubled event),
 * order per child, and the audit chain verified by the hub itself. Arguments: the hub jar, the sample agreements directory,
 * the work directory, messages, kills, workers, and optionally a case-system outage in seconds. The last line:
 * {@code crash: sent N, acked A, delivered D unique, duplicates 0, lost 0, order violations 0}.
 */
public final class CrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The report, on standard output (the scripts read its last line); progress goes to standard error. */
    private static final Logger report = LoggerFactory.getLogger("report");
    private static final Logger log = LoggerFactory.getLogger(CrashTest.class);

    /** One acknowledged message: when it was sent the first time and when its receipt came. */
    record Acked(long sentNanos, long ackedNanos, List<String> eventIds) {
    }

    /** The outcome; {@link #line()} is the summary line the issue asks for. */
    public record Summary(long sent, long acked, long delivered, long duplicates, long lost, long orderViolations,
                          boolean auditVerifies, long parked) {
        public String line() {
            return "crash: sent %d, acked %d, delivered %d unique, duplicates %d, lost %d, order violations %d"
                    .formatted(sent, acked, delivered, duplicates, lost, orderViolations);
        }
    }

    /** What the case system received under one key: first arrival's order, and the event's identity. */
    record Arrival(long order, String hubChildId, String partnerMessage) {
    }

    private final Map<String, Arrival> arrivals = new ConcurrentHashMap<>();
    private final AtomicLong arrivalOrder = new AtomicLong();
    private final AtomicLong repeatedAttempts = new AtomicLong();
    private final Map<String, Acked> ackedEvents = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final PartnerMessages messages = new PartnerMessages();

    private volatile boolean caseSystemDown;
    private int kills;
    private int outageSeconds;
    /** Whether the hub's first life runs with its outbox relay off (see {@link #betweenTheTwoCommits}). */
    private boolean relayOffUntilFirstKill;
    private volatile Process hub;
    private volatile int port;

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path agreements = Path.of(args[1]);
        Path work = Path.of(args[2]);
        int messages = Integer.parseInt(args[3]);
        int kills = Integer.parseInt(args[4]);
        int workers = Integer.parseInt(args[5]);
        int outageSeconds = args.length > 6 ? Integer.parseInt(args[6]) : 0;
        new CrashTest().run(jar, agreements, work, messages, kills, workers, outageSeconds);
        System.exit(0);
    }

    /**
     * Kills the hub between the two commits of its protocol: its first life accepts with the outbox relay off, so every
     * message acknowledged before the first kill is committed in the database and not yet on the broker when it dies.
     */
    public CrashTest betweenTheTwoCommits() {
        relayOffUntilFirstKill = true;
        return this;
    }

    /**
     * @param agreements the sample sharing agreements (config/sharing); the hub gets them with consent not required, so
     *                   every acknowledged event is one the case system should get
     */
    public Summary run(Path jar, Path agreements, Path work, int messages, int kills, int workers) throws Exception {
        return run(jar, agreements, work, messages, kills, workers, 0);
    }

    /**
     * @param outageSeconds when above 0, the case system answers 503 to everything for that long, from a fifth of the
     *                      messages on: events queue (paging to disk past the address's memory) and are retried
     */
    public Summary run(Path jar, Path agreements, Path work, int messages, int kills, int workers, int outageSeconds)
            throws Exception {
        this.kills = kills;
        this.outageSeconds = outageSeconds;
        if (relayOffUntilFirstKill && kills < 1) {
            throw new IllegalArgumentException("the relay is switched back on by the first kill's restart: kill at least once");
        }
        Path shareable = Files.createDirectories(work.resolve("sharing"));
        try (var files = Files.list(agreements)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.writeString(shareable.resolve(file.getFileName()),
                        Files.readString(file).replace("consent-required: true", "consent-required: false"));
            }
        }
        int receiverPort = freePort();
        HttpServer receiver = startCaseSystem(receiverPort);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-jar",
                jar.toAbsolutePath().toString(), "--spring.profiles.active=demo", "--hub.demo.traffic=false", "--hub.demo.history=false",
                "--hub.data-dir=" + work.resolve("data").toAbsolutePath(),
                "--hub.schools.inbox-dir=" + work.resolve("inbox").toAbsolutePath(),
                "--hub.connections.dir=" + work.resolve("connections").toAbsolutePath(),
                "--hub.sharing.agreements-dir=" + shareable.toAbsolutePath(), "--hub.case-system.url=http://127.0.0.1:" + receiverPort,
                // the retry budget outlasts the restarts and the outage: nothing is parked
                "--hub.delivery.retry.max-attempts=100000", "--hub.delivery.retry.max-delay=2s", "--logging.level.root=WARN"));
        String extra = System.getenv("HUB_EXTRA_ARGS"); // e.g. a smaller broker address, so the queue pages to disk
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        List<String> hubCommand = List.copyOf(command);
        List<String> firstLife = new ArrayList<>(hubCommand);
        if (relayOffUntilFirstKill) {
            firstLife.add("--hub.outbox.relay=false");
        }
        startHub(firstLife, work);

        // Kill at random points of the run, measured in messages acknowledged.
        Random random = new Random();
        List<Long> killAt = new ArrayList<>();
        for (int k = 0; k < kills; k++) {
            killAt.add((long) (messages * (0.1 + 0.7 * random.nextDouble())));
        }
        killAt.sort(Long::compare);
        Thread killer = new Thread(() -> {
            try {
                for (long at : killAt) {
                    while (acked.get() < at) {
                        Thread.sleep(50 + random.nextInt(200));
                    }
                    hub.destroyForcibly().waitFor();
                    report.info("killed the hub (SIGKILL) after {} acknowledged messages", acked.get());
                    startHub(hubCommand, work);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "killer");
        killer.start();
        Thread outage = new Thread(() -> {
            try {
                while (outageSeconds > 0 && acked.get() < messages / 5) {
                    Thread.sleep(100);
                }
                if (outageSeconds > 0) {
                    caseSystemDown = true;
                    report.info("the case system is down for {} s, after {} acknowledged messages", outageSeconds, acked.get());
                    Thread.sleep(outageSeconds * 1000L);
                    caseSystemDown = false;
                    report.info("the case system is back, after {} acknowledged messages", acked.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "outage");
        outage.start();

        ExecutorService pool = Executors.newFixedThreadPool(workers);
        AtomicLong remaining = new AtomicLong(messages);
        for (int w = 0; w < workers; w++) {
            int worker = w;
            pool.submit(() -> {
                Partner partner = new Partner(worker);
                long n;
                while ((n = remaining.getAndDecrement()) > 0) {
                    sendUntilAcknowledged(partner.next(n));
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(6, TimeUnit.HOURS);
        killer.join();
        outage.join();

        // Every acknowledged event should arrive; wait for the queue to drain.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!arrivals.keySet().containsAll(ackedEvents.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        Thread.sleep(3_000); // anything delivered twice would come now
        boolean auditValid = auditVerifies();
        long parked = parked();
        hub.destroy();
        hub.waitFor(30, TimeUnit.SECONDS);
        receiver.stop(0);
        return report(auditValid, parked);
    }

    private Summary report(boolean auditValid, long parked) {
        long lost = ackedEvents.keySet().stream().filter(id -> !arrivals.containsKey(id)).count();
        // A doubled event: the same partner message's event about the same child delivered under two event ids.
        Map<String, Set<String>> idsPerMessage = new HashMap<>();
        arrivals.forEach((key, a) -> idsPerMessage.computeIfAbsent(a.partnerMessage() + "|" + a.hubChildId(), x -> new HashSet<>()).add(key));
        long duplicates = idsPerMessage.values().stream().mapToLong(ids -> ids.size() - 1).sum();
        // Order: an event acknowledged before another was first sent must not arrive after it, for the same child.
        Map<String, List<Map.Entry<String, Arrival>>> perChild = new HashMap<>();
        arrivals.entrySet().stream().filter(e -> ackedEvents.containsKey(e.getKey()))
                .forEach(e -> perChild.computeIfAbsent(e.getValue().hubChildId(), x -> new ArrayList<>()).add(e));
        long violations = 0;
        for (List<Map.Entry<String, Arrival>> events : perChild.values()) {
            events.sort((a, b) -> Long.compare(a.getValue().order(), b.getValue().order()));
            for (int i = 0; i < events.size(); i++) {
                for (int j = i + 1; j < events.size(); j++) {
                    if (ackedEvents.get(events.get(j).getKey()).ackedNanos() < ackedEvents.get(events.get(i).getKey()).sentNanos()) {
                        violations++;
                    }
                }
            }
        }
        report.info("case system: {} events, {} repeated attempts answered 409 (redeliveries it recognised)",
                arrivals.size(), repeatedAttempts.get());
        report.info("audit chain: {}", auditValid ? "verifies" : "DOES NOT VERIFY");
        Summary summary = new Summary(sent.get(), acked.get(), arrivals.size(), duplicates, lost, violations, auditValid, parked);
        report.info("parked: {}", parked);
        report.info(kills == 0 && outageSeconds > 0
                ? "outage: sent %d, acked %d, delivered %d unique, duplicates %d, lost %d, parked %d, order violations %d"
                        .formatted(summary.sent(), summary.acked(), summary.delivered(), duplicates, lost, parked, violations)
                : summary.line());
        return summary;
    }

    /** The partner's side of the contract: the same message until a receipt comes, however long the hub is away. */
    private void sendUntilAcknowledged(Message message) throws InterruptedException {
        sent.incrementAndGet();
        long first = System.nanoTime();
        while (true) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + message.path()))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + message.key())
                        .header("Content-Type", message.contentType()).POST(HttpRequest.BodyPublishers.ofString(message.body()))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 || response.statusCode() == 202) {
                    List<String> ids = PartnerMessages.eventIds(response.body());
                    Acked ack = new Acked(first, System.nanoTime(), ids);
                    ids.forEach(id -> ackedEvents.put(id, ack));
                    acked.incrementAndGet();
                    return;
                }
                if (response.statusCode() < 500 && response.statusCode() != 429) {
                    // A refusal is final for the partner: counted as sent and not acknowledged. The status only: the
                    // answer may quote the message.
                    log.warn("a {} message was refused with {}", message.path(), response.statusCode());
                    return;
                }
            } catch (IOException e) {
                // the hub is down or restarting: try again
            }
            Thread.sleep(250);
        }
    }

    private HttpServer startCaseSystem(int receiverPort) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", receiverPort), 256);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/events", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            int status;
            if (caseSystemDown) {
                status = 503;
            } else if (key == null) {
                status = 400;
            } else if (arrivals.containsKey(key)) {
                repeatedAttempts.incrementAndGet();
                status = 409;
            } else {
                JsonNode event = JSON.readTree(body);
                Arrival arrival = new Arrival(arrivalOrder.incrementAndGet(), event.at("/child/hubChildId").asText(),
                        event.at("/source/partnerId").asText() + "/" + event.at("/source/partnerMessageId").asText() + "/"
                                + (event.has("recordType") ? event.get("recordType").asText() : event.path("eventType").asText()));
                status = arrivals.putIfAbsent(key, arrival) == null ? 201 : 409;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private void startHub(List<String> command, Path work) throws IOException, InterruptedException {
        port = freePort();
        List<String> withPort = new ArrayList<>(command);
        withPort.add("--server.port=" + port);
        hub = new ProcessBuilder(withPort).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("hub.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not yet
            }
            if (!hub.isAlive()) {
                throw new IllegalStateException("the hub exited; see " + work.resolve("hub.log"));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the hub did not become ready");
    }

    /** Events the hub parked (its dead letters), as its engineer sees them. */
    private long parked() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/admin/dead-letters?limit=100000")).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("engineer:demo".getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("dead letters: " + response.statusCode());
        }
        return JSON.readTree(response.body()).size();
    }

    private boolean auditVerifies() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/audit/verify"))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("auditor:demo".getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 && JSON.readTree(response.body()).path("valid").asBoolean();
    }

    private record Message(String path, String key, String contentType, String body) {
    }

    /** One partner system's worker, with its own three made-up children: one known to housing, health and police each. */
    private final class Partner {
        private final String family;
        private final String caseReference;
        private final String nhsNumber;
        private final String personId;
        private final String birthDate;

        Partner(int worker) {
            family = "Crashtest" + (char) ('a' + worker % 26) + (char) ('a' + worker / 26 % 26);
            caseReference = "CRASH-" + UUID.randomUUID();
            personId = "CRASH-" + UUID.randomUUID();
            nhsNumber = PartnerMessages.nhsNumber(new Random());
            birthDate = "2016-0" + (1 + worker % 9) + "-1" + worker % 10;
        }

        Message next(long n) {
            return switch ((int) (n % 5)) {
                case 0, 1, 2 -> new Message("/api/v1/housing/notifications", "demo-housing-key", "application/json",
                        messages.housing("CRASH-" + UUID.randomUUID(), caseReference, family, null, birthDate, null));
                case 3 -> new Message("/fhir/$process-message", "demo-health-key", "application/fhir+json",
                        messages.fhir("CRASH-" + UUID.randomUUID(), nhsNumber, family, null, birthDate, null));
                default -> new Message("/services/police", "demo-police-key", "text/xml; charset=UTF-8",
                        messages.soap("CRASH-" + UUID.randomUUID(), personId, family, null, null));
            };
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
