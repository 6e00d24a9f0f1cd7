package org.mashhub.hub.delivery;

import org.mashhub.hub.edge.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.mashhub.hub.edge.HubHeaders;
import org.mashhub.hub.sharing.SharingGate;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Posts one event to the case system, signed as Standard Webhooks has it, and says what became of it, by the answer:
 * <ul>
 * <li>2xx, or 409 (the case system already has it): delivered;</li>
 * <li>429 or 503: {@link CaseSystemUnavailableException}, and the next attempt waits for its {@code Retry-After}
 * (seconds or a date; at most {@code hub.delivery.retry.max-delay}) instead of the back-off;</li>
 * <li>408, 425, another 5xx, a timeout or no connection: {@link CaseSystemUnavailableException} (retried with back-off);</li>
 * <li>401 or 403: {@link HubNotTrustedException} (held and retried, not parked);</li>
 * <li>3xx (not followed: where events go is the hub's setting, not the answer's) and any other 4xx:
 * {@link CaseSystemRejectedException} (parked with the answer).</li>
 * </ul>
 *
 * <p>The request is built from the event alone, so nothing else on the exchange can leak into it. Each attempt carries
 * the same {@code webhook-id} and {@code Idempotency-Key} (the event id) and body, and its own timestamp and signatures.
 */
@Component
public class CaseSystemClient implements Processor {

    /** Exchange property holding the event JSON as it came off the queue (as accepted, before the policy). */
    public static final String EVENT_JSON = "mashEventJson";
    /** Each event's place among its child's events (1, 2, …), as the ledger numbered them at acceptance. */
    public static final String CHILD_SEQUENCE = "Mash-Child-Sequence";

    private static final int EXCERPT_BYTES = 500;

    private final CaseSystemProperties properties;
    private final List<WebhookSignature.Secret> secrets;
    private final Duration longestWait;
    private final CaseSystemTrust trust;
    private final Environment environment;
    private final Clock clock;
    private final HttpClient http;

    public CaseSystemClient(CaseSystemProperties properties, DeliveryProperties delivery, CaseSystemTrust trust,
                            Environment environment, Clock clock) {
        this.secrets = properties.secrets();
        if (isBlank(properties.url()) && !properties.simulator().enabled()) {
            throw new IllegalStateException("hub.case-system.url must be set, or the simulator switched on "
                    + "(hub.case-system.simulator.enabled=true, as the demo profile does)");
        }
        this.properties = properties;
        this.longestWait = delivery.retry().maxDelay();
        this.trust = trust;
        this.environment = environment;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public void process(Exchange exchange) {
        // The event as the sharing policy let it go (decided, redacted), never the event as accepted.
        byte[] body = exchange.getProperty(SharingGate.SHARED_JSON, String.class).getBytes(StandardCharsets.UTF_8);
        String eventId = exchange.getMessage().getHeader(HubHeaders.EVENT_ID, String.class);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/events"))
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .header(WebhookSignature.ID, eventId)
                .header(WebhookSignature.TIMESTAMP, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE, WebhookSignature.sign(eventId, timestamp, body, secrets))
                .header("Idempotency-Key", eventId)
                .header("X-Correlation-Id", String.valueOf(exchange.getMessage().getHeader(HubHeaders.CORRELATION_ID)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        Long sequence = exchange.getMessage().getHeader(HubHeaders.CHILD_SEQUENCE, Long.class);
        if (sequence != null) {
            request.header(CHILD_SEQUENCE, sequence.toString());
        }
        HttpResponse<InputStream> response;
        String excerpt;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                excerpt = new String(in.readNBytes(EXCERPT_BYTES), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new CaseSystemUnavailableException("no answer from the case system (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaseSystemUnavailableException("interrupted while waiting for the case system", e);
        }
        int status = response.statusCode();
        if ((status >= 200 && status < 300) || status == 409) {
            trust.trusted();
            return;
        }
        if (status == 401 || status == 403) {
            trust.refused(status);
            throw new HubNotTrustedException(status);
        }
        if (status == 429 || status == 503) {
            // Read by Camel's error handler as this retry's delay, in place of the back-off.
            retryAfter(response).ifPresent(wait -> exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, wait.toMillis()));
            throw new CaseSystemUnavailableException("case system answered " + status, null);
        }
        if (status >= 300 && status < 400) {
            throw new CaseSystemRejectedException(status, "redirected to " + response.headers().firstValue("Location").orElse("nowhere")
                    + "; the hub does not follow redirects: set hub.case-system.url to where events go");
        }
        if (status >= 400 && status < 500 && status != 408 && status != 425) {
            trust.trusted(); // it read the event to judge it
            throw new CaseSystemRejectedException(status, excerpt);
        }
        throw new CaseSystemUnavailableException("case system answered " + status, null);
    }

    /**
     * {@code Retry-After} as seconds or as an HTTP date, at most {@code hub.delivery.retry.max-delay}; nothing if absent,
     * unreadable or already past.
     */
    Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> value = response.headers().firstValue("Retry-After").map(String::strip);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(value.get());
            return seconds > 0 ? Optional.of(atMostLongestWait(Duration.ofSeconds(seconds))) : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(clock.instant(), ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return wait.isNegative() || wait.isZero() ? Optional.empty() : Optional.of(atMostLongestWait(wait));
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private Duration atMostLongestWait(Duration wait) {
        return wait.compareTo(longestWait) > 0 ? longestWait : wait;
    }

    /** The configured URL, or the in-process simulator on this hub's own port. */
    String baseUrl() {
        if (!isBlank(properties.url())) {
            return properties.url().replaceAll("/+$", "");
        }
        return "http://127.0.0.1:" + environment.getProperty("local.server.port", "8080") + "/sim/case-system";
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
