package org.mashhub.hub.demo;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.mashhub.adapters.NhsNumber;
import org.mashhub.hub.ingest.schools.SchoolsProperties;
import org.mashhub.schemas.CanonicalJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Twelve weeks of made-up MASH life for a fresh demo hub, sent through the partners' real interfaces so that
 * the pages and charts show something on the first run: one child (Lily) known to police, her school and
 * health, with health's concern withheld for want of consent; and some two hundred referrals from the four
 * partners about made-up children, some of them repeats. The messages are then dated back over the weeks (the
 * audit keeps the true times). Only when the hub has no events yet; every person is synthetic.
 */
@Component
@ConditionalOnProperty(name = "hub.demo.history", havingValue = "true")
class DemoHistory {

    private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);
    private static final String[] GIVEN = {"Ava", "Noah", "Mia", "Leo", "Isla", "Theo", "Ruby", "Alfie", "Ella", "Finn", "Maya", "Oscar"};
    private static final String[] FAMILY = {"Testwood", "Sampleton", "Fictionby", "Madeupley", "Placeholder", "Exampleworth", "Mockford"};
    private static final String[][] PLACES = {{"Exeter", "EX1 9ZZ"}, {"Exeter", "EX4 9ZZ"}, {"East Devon", "EX8 9ZZ"},
            {"Mid Devon", "EX16 9ZZ"}, {"Teignbridge", "TQ12 9ZZ"}, {"Torridge", "EX39 9ZZ"}};

    /** A made-up child, as a health partner describes them. */
    private record Child(String nhsNumber, String given, String family, String birthDate, String district, String postcode) {
    }

    private final JdbcTemplate jdbc;
    private final Environment environment;
    private final SchoolsProperties schools;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random(2026);

    DemoHistory(JdbcTemplate jdbc, Environment environment, SchoolsProperties schools) {
        this.jdbc = jdbc;
        this.environment = environment;
        this.schools = schools;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        Integer events = jdbc.queryForObject("select count(*) from accepted_event", Integer.class);
        if (events != null && events > 0) {
            return;
        }
        Thread writer = new Thread(() -> {
            try {
                write();
            } catch (Exception e) {
                log.warn("Demo history stopped: {}", e.getClass().getName());
            }
        }, "demo-history");
        writer.setDaemon(true);
        writer.start();
    }

    private void write() throws Exception {
        lilysStory();
        java.util.Map<String, Duration> history = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            Duration ago = Duration.ofMinutes(60 + random.nextInt(12 * 7 * 24 * 60));
            Instant happened = Instant.now().minus(ago).minus(Duration.ofHours(2));
            String messageId = switch (i % 5) {
                case 2 -> housing(i);
                case 3 -> police(i, happened);
                default -> healthConcern(child(random.nextInt(150)), i, happened);
            };
            if (messageId != null) {
                history.put(messageId, ago);
            }
        }
        Thread.sleep(10_000); // let the deliveries happen, then date everything back
        history.forEach(this::backdate);
        log.info("Demo history written: {} messages over 12 weeks", history.size());
    }

    /** Police, school and health about one child within two days: a linked incident, and health's part withheld. */
    private void lilysStory() throws Exception {
        soap(read("schemas/police/examples/domestic-abuse-two-children.xml").replaceFirst("<\\?xml[^>]*\\?>\\s*", ""));
        Path inbox = schools.inboxDir().resolve("school-demo");
        Files.createDirectories(inbox);
        Path part = inbox.resolve(".concerns.csv.part");
        Files.writeString(part, read("schemas/schools/examples/safeguarding-concerns.csv"));
        Files.move(part, inbox.resolve("concerns.csv"), StandardCopyOption.ATOMIC_MOVE);
        ObjectNode concern = (ObjectNode) CanonicalJson.mapper().readTree(read("schemas/health/examples/message-safeguarding-concern.json"));
        about(concern, new Child("9997654323", "Lily", "Madeupson", "2015-04-19", "Exeter", "EX2 8ZZ"));
        fhir(concern);
    }

    private String healthConcern(Child child, int i, Instant happened) throws Exception {
        if (i % 3 != 0) { // most families agreed to share with the MASH
            ObjectNode consent = (ObjectNode) CanonicalJson.mapper().readTree(read("schemas/health/examples/message-consent-update.json"));
            about(consent, child);
            fhir(consent);
        }
        ObjectNode concern = (ObjectNode) CanonicalJson.mapper().readTree(read("schemas/health/examples/message-safeguarding-concern.json"));
        about(concern, child);
        for (JsonNode entry : concern.get("entry")) {
            if ("Communication".equals(entry.at("/resource/resourceType").asText())) {
                ((ObjectNode) entry.get("resource")).put("priority", List.of("routine", "urgent", "asap").get(random.nextInt(3)));
                ((ObjectNode) entry.get("resource")).put("sent", happened.toString());
            }
        }
        return fhir(concern);
    }

    private String housing(int i) throws Exception {
        List<String> examples = List.of("duty-to-refer.json", "eviction-notice-with-safeguarding-concern.json", "household-move.json",
                "relief-duty-accepted.json", "temporary-accommodation-out-of-district.json");
        ObjectNode message = (ObjectNode) CanonicalJson.mapper().readTree(read("schemas/housing/examples/" + examples.get(i % examples.size())));
        message.put("messageId", "DEMO-" + UUID.randomUUID());
        message.put("sentAt", Instant.now().toString());
        return hubMessageId(post("/api/v1/housing/notifications", "demo-housing-key", "application/json",
                CanonicalJson.mapper().writeValueAsString(message)), "receipt");
    }

    private String police(int i, Instant happened) throws Exception {
        List<String> examples = List.of("missing-child.xml", "child-criminal-exploitation.xml");
        String notice = read("schemas/police/examples/" + examples.get(i % examples.size())).replaceFirst("<\\?xml[^>]*\\?>\\s*", "")
                .replaceFirst("<NoticeId>[^<]+</NoticeId>", "<NoticeId>DEMO-" + UUID.randomUUID() + "</NoticeId>")
                .replaceFirst("<SubmittedAt>[^<]+</SubmittedAt>", "<SubmittedAt>" + happened.plus(Duration.ofHours(1)) + "</SubmittedAt>")
                .replaceFirst("<StartTime>[^<]+</StartTime>", "<StartTime>" + happened + "</StartTime>")
                .replaceFirst("<EndTime>[^<]+</EndTime>", "<EndTime>" + happened.plus(Duration.ofMinutes(30)) + "</EndTime>");
        return soap(notice);
    }

    private void about(ObjectNode bundle, Child child) {
        ((ObjectNode) bundle.get("identifier")).put("value", "DEMO-" + UUID.randomUUID());
        for (JsonNode entry : bundle.get("entry")) {
            if ("Patient".equals(entry.at("/resource/resourceType").asText())) {
                ObjectNode patient = (ObjectNode) entry.get("resource");
                patient.put("id", "patient-" + child.nhsNumber());
                ((ObjectNode) patient.get("identifier").get(0)).put("value", child.nhsNumber());
                ObjectNode name = (ObjectNode) patient.get("name").get(0);
                name.put("family", child.family());
                name.putArray("given").add(child.given());
                patient.put("birthDate", child.birthDate());
                ObjectNode address = (ObjectNode) patient.get("address").get(0);
                address.put("district", child.district());
                address.put("postalCode", child.postcode());
            }
        }
    }

    /** One of 150 made-up children, always the same for the same number: NHS Number, names, birth date, place. */
    private static Child child(int n) {
        Random seeded = new Random(n);
        String[] place = PLACES[seeded.nextInt(PLACES.length)];
        return new Child(nhsNumber(990_000 + n), GIVEN[seeded.nextInt(GIVEN.length)], FAMILY[seeded.nextInt(FAMILY.length)],
                LocalDate.of(2010 + seeded.nextInt(14), 1 + seeded.nextInt(12), 1 + seeded.nextInt(28)).toString(), place[0], place[1]);
    }

    /** A valid NHS Number of the never-issued 999 range. */
    static String nhsNumber(int serial) {
        for (int s = serial; ; s++) {
            Optional<String> number = NhsNumber.withCheckDigit("999" + String.format("%06d", s % 1_000_000));
            if (number.isPresent()) {
                return number.get();
            }
        }
    }

    private String fhir(ObjectNode bundle) throws Exception {
        return hubMessageId(post("/fhir/$process-message", "demo-health-key", "application/fhir+json",
                CanonicalJson.mapper().writeValueAsString(bundle)), "id");
    }

    private String soap(String notice) throws Exception {
        HttpResponse<String> response = post("/services/police", "demo-police-key", "text/xml; charset=UTF-8",
                "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + notice
                        + "</soap:Body></soap:Envelope>");
        String receipt = response.body().replaceAll("(?s).*<Receipt>([^<]+)</Receipt>.*", "$1");
        return response.statusCode() == 200 ? receipt : null;
    }

    /**
     * The receipt is the hub message id: in the housing receipt; in FHIR's answer (the response message Bundle, 200, or
     * the OperationOutcome, 202), the resource's id.
     */
    private static String hubMessageId(HttpResponse<String> response, String field) throws IOException {
        return response.statusCode() == 200 || response.statusCode() == 202
                ? CanonicalJson.mapper().readTree(response.body()).path(field).asText(null) : null;
    }

    /**
     * The message, its events and their deliveries, as if they had happened that long ago; the MASH decided on
     * referrals older than two days within one to thirty hours (some of them late).
     */
    private void backdate(String hubMessageId, Duration ago) {
        jdbc.update("update inbound_message set received_at = ? where hub_message_id = ?", earlier(jdbc.queryForObject(
                "select received_at from inbound_message where hub_message_id = ?", Object.class, hubMessageId), ago), hubMessageId);
        for (var event : jdbc.queryForList("select event_id, event_type, accepted_at, delivered_at from accepted_event where hub_message_id = ?",
                hubMessageId)) {
            OffsetDateTime accepted = earlier(event.get("accepted_at"), ago);
            jdbc.update("update accepted_event set accepted_at = ?, delivered_at = ? where event_id = ?", accepted,
                    earlier(event.get("delivered_at"), ago), event.get("event_id"));
            if ("ReferralEvent".equals(event.get("event_type")) && accepted.isBefore(OffsetDateTime.now(ZoneOffset.UTC).minusDays(2))) {
                String[] outcome = DEMO_OUTCOMES[random.nextInt(DEMO_OUTCOMES.length)];
                jdbc.update("insert into mash_decision (event_id, decision_id, decided_at, decided_by, outcome, rationale) "
                        + "values (?, ?, ?, 'staff:demo', ?, ?)",
                        event.get("event_id"), event.get("event_id"), accepted.plusHours(1 + random.nextInt(30)), outcome[0], outcome[1]);
            }
        }
    }

    /** Made-up decisions for the demo's history: an outcome and a rationale a MASH might write. */
    private static final String[][] DEMO_OUTCOMES = {
            {"NO_FURTHER_ACTION", "Checks complete; the family is known to universal services and no further concerns were found."},
            {"INFORMATION_AND_ADVICE", "Advice given to the referrer; the school will keep in touch with the family."},
            {"EARLY_HELP", "Needs met by an early help assessment with the family's agreement."},
            {"CHILD_IN_NEED_ASSESSMENT", "Needs beyond early help; an assessment under section 17 is started."},
            {"STRATEGY_DISCUSSION", "Reasonable cause to suspect significant harm; a strategy discussion is convened today."}};

    private static OffsetDateTime earlier(Object timestamp, Duration ago) {
        if (timestamp == null) {
            return null;
        }
        Instant at = timestamp instanceof OffsetDateTime offset ? offset.toInstant() : ((java.sql.Timestamp) timestamp).toInstant();
        return OffsetDateTime.ofInstant(at.minus(ago), ZoneOffset.UTC);
    }

    private HttpResponse<String> post(String path, String key, String contentType, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port", "8080") + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType).header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
