package org.mashhub.bench.casesystem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conformance kit for a case-system vendor ({@code bench/case-system-check.sh URL SECRET}): sends a receiver what
 * the hub sends, and what it must refuse, and says point by point whether its answers follow the contract
 * ({@code schemas/case-system/openapi.yaml}). Signing is written here again from the Standard Webhooks specification,
 * not taken from the hub, so the kit checks the receiver against the specification rather than against the hub.
 *
 * <p>The points: a signed event is taken (2xx); the child's later event is taken; a repeat of an event is a repeat
 * (2xx or 409); an event that arrives late (lower {@code Mash-Child-Sequence}, a replay) is taken; a bad signature, an
 * old timestamp and no signature are refused (401 or 403), and the refused event was not kept (it is taken when it
 * comes again, properly signed).
 */
public final class CaseSystemCheck {

    /** One point of the contract, and what the receiver did. */
    public record Point(String name, boolean passed, String detail) {
        String line() {
            return (passed ? "PASS " : "FAIL ") + name + (detail.isEmpty() ? "" : ": " + detail);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The report, on standard output (points of the contract and answers; no event content). */
    private static final Logger report = LoggerFactory.getLogger("report");
    private static final Logger log = LoggerFactory.getLogger(CaseSystemCheck.class);

    private final URI events;
    private final byte[] key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public CaseSystemCheck(String baseUrl, String secret) {
        this.events = URI.create(baseUrl.replaceAll("/+$", "") + "/events");
        if (!secret.startsWith("whsec_")) {
            throw new IllegalArgumentException("the secret is the one the hub signs with: whsec_ and base64");
        }
        this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            log.error("usage: case-system-check URL SECRET   (URL: the hub's hub.case-system.url; SECRET: whsec_...)");
            System.exit(2);
        }
        List<Point> points = new CaseSystemCheck(args[0], args[1]).run();
        points.forEach(p -> report.info(p.line()));
        long passed = points.stream().filter(Point::passed).count();
        report.info("case-system check: {} of {} points follow the contract", passed, points.size());
        System.exit(passed == points.size() ? 0 : 1);
    }

    public List<Point> run() throws IOException, InterruptedException {
        List<Point> points = new ArrayList<>();
        String child = UUID.randomUUID().toString();
        Event first = new Event(example("referral-event.housing-concern.json", child), 1);
        Event third = new Event(example("child-record-event.address-change.json", child), 3);
        Event late = new Event(example("child-record-event.housing-status.json", child), 2);
        Event refused = new Event(example("referral-event.housing-concern.json", UUID.randomUUID().toString()), 1);
        Event notice = new Event(example("hub-notice-event.children-linked.json", child), 4);
        long now = Instant.now().getEpochSecond();

        int answer = post(first, now, sign(first, now, key));
        points.add(new Point("takes a signed event", success(answer), said(answer, "2xx")));
        answer = post(third, now, sign(third, now, key));
        points.add(new Point("takes the child's next event", success(answer), said(answer, "2xx")));
        answer = post(first, now + 1, sign(first, now + 1, key));
        points.add(new Point("answers a repeat of an event as a repeat", success(answer) || answer == 409,
                said(answer, "2xx or 409, the same event under the same webhook-id")));
        answer = post(late, now, sign(late, now, key));
        points.add(new Point("takes an event that arrives late (Mash-Child-Sequence 2 after 3: a replay)", success(answer),
                said(answer, "2xx; late events are by design, a gap is not a loss")));
        answer = post(notice, now, sign(notice, now, key));
        points.add(new Point("takes the hub's notice of its own records (HubNoticeEvent: a child linked into this one)",
                success(answer), said(answer, "2xx")));

        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        answer = post(refused, now, sign(refused, now, otherKey));
        points.add(new Point("refuses a signature made with another secret", untrusted(answer), said(answer, "401 or 403")));
        answer = post(refused, now - 600, sign(refused, now - 600, key));
        points.add(new Point("refuses a timestamp ten minutes old (a replayed capture)", untrusted(answer), said(answer, "401 or 403")));
        answer = post(refused, now, null);
        points.add(new Point("refuses a delivery without a signature", untrusted(answer), said(answer, "401 or 403")));
        answer = post(refused, now, sign(refused, now, key));
        points.add(new Point("kept nothing of the refused deliveries (the event, properly signed, is new to it)", success(answer),
                said(answer, "2xx; a 409 means a refused delivery was kept")));
        return points;
    }

    private record Event(ObjectNode body, int sequence) {
        String id() {
            return body.get("eventId").asText();
        }

        byte[] bytes() {
            try {
                return JSON.writeValueAsBytes(body);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** An example event of the hub's schemas, made new: its own event id, about this child. */
    private static ObjectNode example(String name, String hubChildId) throws IOException {
        try (InputStream in = CaseSystemCheck.class.getResourceAsStream("/schemas/events/examples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing example event " + name);
            }
            ObjectNode event = (ObjectNode) JSON.readTree(in);
            event.put("eventId", UUID.randomUUID().toString());
            ((ObjectNode) event.get("child")).put("hubChildId", hubChildId);
            return event;
        }
    }

    /** {@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body} (Standard Webhooks, "Signature scheme"). */
    private static String sign(Event event, long timestamp, byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((event.id() + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(event.bytes()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private int post(Event event, long timestamp, String signature) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(events).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("webhook-id", event.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("Idempotency-Key", event.id())
                .header("Mash-Child-Sequence", Integer.toString(event.sequence()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(event.bytes()));
        if (signature != null) {
            request.header("webhook-signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static boolean success(int status) {
        return status >= 200 && status < 300;
    }

    private static boolean untrusted(int status) {
        return status == 401 || status == 403;
    }

    private static String said(int status, String expected) {
        return "answered " + status + "; the contract: " + expected;
    }
}
