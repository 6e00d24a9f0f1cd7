package org.mashhub.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mashhub.adapters.NhsNumber;
import org.mashhub.bench.identity.UkNames;

/**
 * The partners of {@code bench/run.sh}, in a process of their own, over HTTP/1.1 with keep-alive: a mix of housing
 * JSON (60%), FHIR messages (20%) and police notices over SOAP (20%), each about a made-up child of its own, plus one
 * school concerns file at the start. Either at a fixed offered rate ({@code rate=200}: latency measured from when each
 * message was due, so a slow hub cannot hide its queue) or as fast as a number of partners can
 * ({@code workers=32}). Then waits for the case-system receiver to have every acknowledged event and reports:
 * events acknowledged and delivered per second, ack latency p50/p99, end-to-end (ack to delivered) p50/p99, the hub's
 * peak RSS and CPU. Arguments: hub URL, receiver URL, mode, seconds, hub pid, work directory.
 */
public final class MixedLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SOAP_EVENT = Pattern.compile("<EventId>([^<]+)</EventId>");
    private static final String FHIR_EVENT_SYSTEM = "/event-id";
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
    private final String housing;
    private final String fhir;
    private final String soap;
    private final AtomicLong sequence = new AtomicLong();

    MixedLoad(String hub) throws IOException {
        this.hub = hub;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(16)).build();
        this.housing = resource("schemas/housing/examples/household-move.json");
        this.fhir = resource("schemas/health/examples/message-safeguarding-concern.json");
        this.soap = resource("schemas/police/examples/missing-child.xml").replaceFirst("<\\?xml[^>]*\\?>\\s*", "");
    }

    public static void main(String[] args) throws Exception {
        String hub = args[0];
        String receiver = args[1];
        String mode = args[2];
        Duration duration = Duration.ofSeconds(Long.parseLong(args[3]));
        long hubPid = Long.parseLong(args[4]);
        MixedLoad load = new MixedLoad(hub);

        load.uploadSchoolFile();
        long cpuBefore = cpuTicks(hubPid);
        long started = System.currentTimeMillis();
        List<Sample> samples = mode.startsWith("rate=")
                ? load.atRate(Integer.parseInt(mode.substring(5)), duration)
                : load.withWorkers(Integer.parseInt(mode.substring(8)), duration);
        long ended = System.currentTimeMillis();
        long cpuAfter = cpuTicks(hubPid);

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
        System.out.printf("load %s for %.0f s: %d messages (%d refused), %d events acknowledged (%.0f/s), %d delivered (%.0f/s)%n",
                mode, seconds, samples.size(), rejected, ackedAt.size(), ackedPerSecond, e2e.size(), deliveredPerSecond);
        System.out.printf("ack latency p50 %d ms, p99 %d ms; end-to-end p50 %d ms, p99 %d ms%n",
                percentile(ack, 0.50), percentile(ack, 0.99), percentile(e2e, 0.50), percentile(e2e, 0.99));
        System.out.printf("hub peak RSS %d MiB, CPU %.0f%% of one core over the run%n", peakRssKib(hubPid) / 1024,
                100 * cpuSeconds / seconds);
        System.out.printf("result events/s %.0f ack-p99 %d e2e-p99 %d missing %d%n", Math.min(ackedPerSecond, deliveredPerSecond),
                percentile(ack, 0.99), percentile(e2e, 0.99), ackedAt.size() - e2e.size());
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
        int kind = (int) (n % 10);
        HttpRequest.Builder request;
        if (kind < 6) {
            request = post("/api/v1/housing/notifications", "demo-housing-key", "application/json", housing());
        } else if (kind < 8) {
            request = post("/fhir/$process-message", "demo-health-key", "application/fhir+json", fhir());
        } else {
            request = post("/services/police", "demo-police-key", "text/xml; charset=UTF-8", soap());
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Sample sample(HttpResponse<String> response, long nanos) {
        int status = response.statusCode();
        boolean accepted = status == 202 || status == 200;
        List<String> ids = new ArrayList<>();
        if (accepted) {
            String body = response.body();
            if (body.startsWith("<")) {
                Matcher m = SOAP_EVENT.matcher(body);
                while (m.find()) {
                    ids.add(m.group(1));
                }
            } else {
                try {
                    JsonNode json = JSON.readTree(body);
                    if (json.has("events")) {
                        json.get("events").forEach(e -> ids.add(e.get("eventId").asText()));
                    } else {
                        for (JsonNode issue : json.path("issue")) {
                            for (JsonNode coding : issue.path("details").path("coding")) {
                                if (coding.path("system").asText().endsWith(FHIR_EVENT_SYSTEM)) {
                                    ids.add(coding.get("code").asText());
                                }
                            }
                        }
                    }
                } catch (IOException e) {
                    accepted = false;
                }
            }
        }
        return new Sample(nanos, System.currentTimeMillis(), ids, accepted);
    }

    private String housing() {
        try {
            ObjectNode message = (ObjectNode) JSON.readTree(housing);
            message.put("messageId", "BENCH-" + UUID.randomUUID());
            // The case reference and member ids are the council's identifiers of the people: a new household each time.
            message.put("caseReference", "BENCH-" + UUID.randomUUID());
            String family = family();
            for (JsonNode member : message.at("/household/members")) {
                ((ObjectNode) member).put("familyName", family).remove("nhsNumber");
            }
            ObjectNode child = (ObjectNode) ((ArrayNode) message.at("/household/members")).get(1);
            child.put("givenName", given(child.path("sex").asText())).put("birthDate", birthDate());
            for (JsonNode address : message.at("/addresses")) {
                ((ObjectNode) address).put("postcode", postcode());
            }
            return JSON.writeValueAsString(message);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String fhir() {
        try {
            ObjectNode bundle = (ObjectNode) JSON.readTree(fhir);
            ((ObjectNode) bundle.get("identifier")).put("value", "BENCH-" + UUID.randomUUID());
            for (JsonNode entry : bundle.get("entry")) {
                if ("Patient".equals(entry.at("/resource/resourceType").asText())) {
                    ObjectNode patient = (ObjectNode) entry.get("resource");
                    String nhs = nhsNumber();
                    patient.put("id", "p" + nhs);
                    ((ObjectNode) patient.get("identifier").get(0)).put("value", nhs);
                    ObjectNode name = (ObjectNode) patient.get("name").get(0);
                    name.put("family", family());
                    name.putArray("given").add(given(patient.path("gender").asText()));
                    patient.put("birthDate", birthDate());
                    for (JsonNode address : patient.path("address")) {
                        ((ObjectNode) address).put("postalCode", postcode());
                    }
                }
            }
            return JSON.writeValueAsString(bundle);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String soap() {
        String notice = soap.replaceFirst("<NoticeId>[^<]+</NoticeId>", "<NoticeId>BENCH-" + UUID.randomUUID() + "</NoticeId>")
                .replaceFirst("<PersonId>[^<]+</PersonId>", "<PersonId>BENCH-" + UUID.randomUUID() + "</PersonId>")
                .replaceAll("<FamilyName>[^<]+</FamilyName>", "<FamilyName>" + family() + "</FamilyName>")
                .replaceAll("<GivenName>Kai</GivenName>", "<GivenName>" + given("male") + "</GivenName>")
                .replaceAll("<Postcode>[^<]+</Postcode>", "<Postcode>" + postcode() + "</Postcode>");
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + notice
                + "</soap:Body></soap:Envelope>";
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
        System.out.println("school file: " + response.statusCode());
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
        String[] fields = Files.readString(Path.of("/proc", String.valueOf(pid), "stat")).replaceFirst("^.*\\) ", "").split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
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

    private static String nhsNumber() {
        while (true) {
            Optional<String> number = NhsNumber.withCheckDigit("999" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000)));
            if (number.isPresent()) {
                return number.get();
            }
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = MixedLoad.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no " + name + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
