package org.mashhub.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.mashhub.bench.identity.UkNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partners of {@code bench/run.sh}, in a process of their own, over HTTP/1.1 with keep-alive: a mix of housing
 * JSON (60%), FHIR messages (20%) and police notices over SOAP (20%), each about a made-up child of its own, plus one
 * school concerns file at the start. Either at a fixed offered rate ({@code rate=200}: latency measured from when each
 * message was due, so a slow hub cannot hide its queue) or as fast as a number of partners can
 * ({@code workers=32}). Then waits for the case-system receiver to have every acknowledged event and reports:
 * events acknowledged and delivered per second, ack latency p50/p99, end-to-end (ack to delivered) p50/p99, the hub's
 * peak RSS and CPU. Arguments: hub URL, receiver URL, mode, seconds, hub pid, and optionally the mix in tenths
 * ({@code housing=6,fhir=2,police=2}, the default; {@code fhir=10} measures what a FHIR message costs alone).
 */
public final class MixedLoad {

    /** The report, on standard output (bench/run.sh reads its last line); diagnostics go to standard error. */
    private static final Logger report = LoggerFactory.getLogger("report");
    /**
     * Names and postcodes drawn as in a real population (the identity bench's lists): a few common names and postcodes
     * shared by thousands of made-up children would fill the identity index's blocks as no county's children do.
     */
    private static final UkNames NAMES = new UkNames();
    private static final String[] AREAS = {"EX", "PL", "TQ", "TR", "BS", "BA", "TA", "DT"};

    record Sample(long ackNanos, long ackedAtMillis, List<String> eventIds, boolean accepted) {
    }

    private final String hub;
    private final HttpClient http;
    private final PartnerMessages messages = new PartnerMessages();
    private final AtomicLong sequence = new AtomicLong();
    /** The kind of the n-th message is {@code kinds[n % 10]}. */
    private final String[] kinds;

    MixedLoad(String hub, String mix) throws IOException {
        this.hub = hub;
        this.kinds = tenths(mix);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(16)).build();
    }

    public static void main(String[] args) throws Exception {
        String hub = args[0];
        String receiver = args[1];
        String mode = args[2];
        Duration duration = Duration.ofSeconds(Long.parseLong(args[3]));
        long hubPid = Long.parseLong(args[4]);
        MixedLoad load = new MixedLoad(hub, args.length > 5 ? args[5] : "housing=6,fhir=2,police=2");

        load.uploadSchoolFile();
        long cpuBefore = cpuTicks(hubPid);
        long jitBefore = jitTicks(hubPid);
        long started = System.currentTimeMillis();
        List<Sample> samples = mode.startsWith("rate=")
                ? load.atRate(Integer.parseInt(mode.substring(5)), duration)
                : load.withWorkers(Integer.parseInt(mode.substring(8)), duration);
        long ended = System.currentTimeMillis();
        long cpuAfter = cpuTicks(hubPid);
        long jitAfter = jitTicks(hubPid);

        Map<String, Long> ackedAt = new HashMap<>();
        long rejected = 0;
        for (Sample s : samples) {
            if (!s.accepted()) {
                rejected++;
            }
            s.eventIds().forEach(id -> ackedAt.put(id, s.ackedAtMillis()));
        }
        Map<String, Long> arrived = awaitArrivals(receiver, ackedAt.keySet(), Duration.ofSeconds(180));
        List<Long> e2e = new ArrayList<>();
        long lastArrival = started;
        for (Map.Entry<String, Long> acked : ackedAt.entrySet()) {
            Long at = arrived.get(acked.getKey());
            if (at != null) {
                e2e.add(Math.max(0, at - acked.getValue()));
                lastArrival = Math.max(lastArrival, at);
            }
        }
        List<Long> ack = samples.stream().filter(Sample::accepted).map(s -> s.ackNanos() / 1_000_000).sorted().toList();
        Collections.sort(e2e);
        double seconds = (ended - started) / 1000.0;
        double ackedPerSecond = ackedAt.size() / seconds;
        double deliveredPerSecond = e2e.size() / ((lastArrival - started) / 1000.0);
        double cpuSeconds = (cpuAfter - cpuBefore) / 100.0; // USER_HZ
        report.info(String.format("load %s for %.0f s: %d messages (%d refused), %d events acknowledged (%.0f/s), %d delivered (%.0f/s)",
                mode, seconds, samples.size(), rejected, ackedAt.size(), ackedPerSecond, e2e.size(), deliveredPerSecond));
        report.info(String.format("ack latency p50 %d ms, p99 %d ms; end-to-end p50 %d ms, p99 %d ms",
                percentile(ack, 0.50), percentile(ack, 0.99), percentile(e2e, 0.50), percentile(e2e, 0.99)));
        // CPU per event: the hub's cost, whatever else shares the machine's cores with it.
        // The JIT compilers' share: a hub minutes after its start still compiles, which the same hub a day later does not.
        report.info(String.format("hub peak RSS %d MiB, CPU %.0f%% of one core over the run (JIT compilers %.0f%%), %.1f ms of CPU per acknowledged event",
                peakRssKib(hubPid) / 1024, 100 * cpuSeconds / seconds, (jitAfter - jitBefore) / seconds, ackedAt.isEmpty() ? 0.0 : 1000 * cpuSeconds / ackedAt.size()));
        report.info(String.format("result events/s %.0f ack-p99 %d e2e-p99 %d missing %d", Math.min(ackedPerSecond, deliveredPerSecond),
                percentile(ack, 0.99), percentile(e2e, 0.99), ackedAt.size() - e2e.size()));
        System.exit(0);
    }

    /** Open loop: message i is due at start + i / rate, whatever became of the ones before it. */
    List<Sample> atRate(int rate, Duration duration) throws InterruptedException {
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> inFlight = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long total = rate * duration.toSeconds();
        for (long i = 0; i < total; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            inFlight.add(send(i).thenAccept(r -> samples.add(sample(r, System.nanoTime() - due))).exceptionally(e -> null));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        return samples;
    }

    /** Closed loop: each worker sends its next message when the last one is acknowledged. */
    List<Sample> withWorkers(int workers, Duration duration) throws Exception {
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        for (int w = 0; w < workers; w++) {
            pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    long sent = System.nanoTime();
                    try {
                        samples.add(sample(send(sequence.get()).join(), System.nanoTime() - sent));
                    } catch (Exception e) {
                        samples.add(new Sample(0, 0, List.of(), false));
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS);
        return samples;
    }

    private CompletableFuture<HttpResponse<String>> send(long i) {
        long n = sequence.incrementAndGet();
        HttpRequest.Builder request = switch (kinds[(int) (n % 10)]) {
            case "housing" -> post("/api/v1/housing/notifications", "demo-housing-key", "application/json", housing());
            case "fhir" -> post("/fhir/$process-message", "demo-health-key", "application/fhir+json", fhir());
            default -> post("/services/police", "demo-police-key", "text/xml; charset=UTF-8", soap());
        };
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code housing=6,fhir=2,police=2} as ten kinds in a row, interleaved so that any ten messages keep the mix. */
    static String[] tenths(String mix) {
        Map<String, Integer> wanted = new java.util.LinkedHashMap<>();
        for (String part : mix.split(",")) {
            String[] kindAndTenths = part.split("=");
            if (!List.of("housing", "fhir", "police").contains(kindAndTenths[0])) {
                throw new IllegalArgumentException("unknown partner kind in the mix: " + kindAndTenths[0]);
            }
            wanted.put(kindAndTenths[0], Integer.parseInt(kindAndTenths[1]));
        }
        if (wanted.values().stream().mapToInt(Integer::intValue).sum() != 10) {
            throw new IllegalArgumentException("the mix must add up to ten tenths: " + mix);
        }
        String[] kinds = new String[10];
        Map<String, Integer> given = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            // the kind furthest behind its share so far
            String next = null;
            double behind = -1;
            for (Map.Entry<String, Integer> kind : wanted.entrySet()) {
                double lag = kind.getValue() * (i + 1) / 10.0 - given.getOrDefault(kind.getKey(), 0);
                if (lag > behind) {
                    behind = lag;
                    next = kind.getKey();
                }
            }
            kinds[i] = next;
            given.merge(next, 1, Integer::sum);
        }
        return kinds;
    }

    private static Sample sample(HttpResponse<String> response, long nanos) {
        int status = response.statusCode();
        boolean accepted = status == 202 || status == 200;
        List<String> ids = List.of();
        if (accepted) {
            try {
                ids = PartnerMessages.eventIds(response.body());
            } catch (IOException e) {
                accepted = false;
            }
        }
        return new Sample(nanos, System.currentTimeMillis(), ids, accepted);
    }

    // Each message about a new made-up child; the case reference and member ids are the council's identifiers of
    // the people, so a new household each time.
    private String housing() {
        return messages.housing("BENCH-" + UUID.randomUUID(), "BENCH-" + UUID.randomUUID(), family(), given("female"), birthDate(),
                postcode());
    }

    private String fhir() {
        return messages.fhir("BENCH-" + UUID.randomUUID(), PartnerMessages.nhsNumber(ThreadLocalRandom.current()), family(),
                given("female"), birthDate(), postcode());
    }

    private String soap() {
        return messages.soap("BENCH-" + UUID.randomUUID(), "BENCH-" + UUID.randomUUID(), family(), given("male"), postcode());
    }

    /** A school's concerns file of 50 made-up pupils, uploaded at the start (its events are counted, not timed). */
    void uploadSchoolFile() throws Exception {
        StringBuilder csv = new StringBuilder("concern_id,school_urn,upn,given_name,family_name,birth_date,year_group,concern_category,"
                + "concern_date,summary,action_taken,rag,consent,dsl_name,dsl_phone,dsl_email\r\n");
        for (int i = 0; i < 50; i++) {
            String upn = org.mashhub.adapters.Upn.withCheckLetter("878" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000))
                    + String.format("%02d", ThreadLocalRandom.current().nextInt(100)) + String.format("%03d", i));
            csv.append("BENCH-").append(UUID.randomUUID()).append(",113456,").append(upn).append(',').append(given(i % 2 == 0 ? "female" : "male")).append(',').append(family())
                    .append(",2016-02-03,5,neglect,").append(LocalDate.now().minusDays(1))
                    .append(",\"Arrives hungry.\",\"Breakfast club\",AMBER,GIVEN,Alex Safeguardsworth,01392 000101,dsl@example.sch.uk\r\n");
        }
        String boundary = "bench-" + System.nanoTime();
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"concerns.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(hub + "/api/v1/schools/files"))
                .header("Authorization", "Bearer demo-school-key").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        report.info("school file: {}", response.statusCode());
    }

    private HttpRequest.Builder post(String path, String key, String type, String body) {
        return HttpRequest.newBuilder(URI.create(hub + path)).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + key)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static Map<String, Long> awaitArrivals(String receiver, java.util.Set<String> expected, Duration atMost) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + atMost.toNanos();
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        while (true) {
            arrived.clear();
            String lines = client.send(HttpRequest.newBuilder(URI.create(receiver + "/arrivals")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String line : lines.split("\n")) {
                int comma = line.indexOf(',');
                if (comma > 0) {
                    arrived.put(line.substring(0, comma), Long.parseLong(line.substring(comma + 1)));
                }
            }
            if (arrived.keySet().containsAll(expected) || System.nanoTime() > deadline) {
                return arrived;
            }
            Thread.sleep(1_000);
        }
    }

    private static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)));
    }

    /** utime + stime of the process, in clock ticks. */
    private static long cpuTicks(long pid) throws IOException {
        return ticks(Path.of("/proc", String.valueOf(pid), "stat"));
    }

    /** utime + stime from a process's or thread's {@code stat} file, in clock ticks. */
    private static long ticks(Path stat) throws IOException {
        String[] fields = Files.readString(stat).replaceFirst("^.*\\) ", "").split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** utime + stime of the JIT compiler threads (named "C1 CompilerThre" and "C2 CompilerThre"), in clock ticks. */
    private static long jitTicks(long pid) throws IOException {
        long ticks = 0;
        try (var threads = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path thread : threads.toList()) {
                try {
                    if (Files.readString(thread.resolve("comm")).contains("CompilerThre")) {
                        ticks += ticks(thread.resolve("stat"));
                    }
                } catch (IOException gone) {
                    // a compiler thread that ended while listed
                }
            }
        }
        return ticks;
    }

    private static long peakRssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static String family() {
        return UkNames.capitalised(NAMES.family(ThreadLocalRandom.current()));
    }

    private static String given(String sex) {
        return UkNames.capitalised(NAMES.given(sex, ThreadLocalRandom.current()));
    }

    private static String postcode() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return AREAS[random.nextInt(AREAS.length)] + (1 + random.nextInt(30)) + " " + random.nextInt(10)
                + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26));
    }

    private static String birthDate() {
        return LocalDate.of(2010 + ThreadLocalRandom.current().nextInt(14), 1 + ThreadLocalRandom.current().nextInt(12),
                1 + ThreadLocalRandom.current().nextInt(28)).toString();
    }

}
