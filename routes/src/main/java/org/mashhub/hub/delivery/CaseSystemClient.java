package org.mashhub.hub.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.mashhub.hub.edge.HubHeaders;
import org.mashhub.hub.sharing.SharingGate;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Posts one event to the case system and says what became of it: returns on 2xx or 409 (the case system
 * already has it), throws {@link CaseSystemRejectedException} on another 4xx and
 * {@link CaseSystemUnavailableException} on a 5xx, a timeout or no connection.
 *
 * <p>The request is built from the event alone, so nothing else on the exchange can leak into it, and
 * each retry sends exactly what the first attempt sent.
 */
@Component
public class CaseSystemClient implements Processor {

    /** Exchange property holding the event JSON as it came off the queue (as accepted, before the policy). */
    public static final String EVENT_JSON = "mashEventJson";

    private static final int EXCERPT_BYTES = 500;

    private final CaseSystemProperties properties;
    private final Environment environment;
    private final HttpClient http;

    public CaseSystemClient(CaseSystemProperties properties, Environment environment) {
        if (properties.signingSecret() == null || properties.signingSecret().length() < 16) {
            throw new IllegalStateException("hub.case-system.signing-secret must be set (16 characters or more): "
                    + "set HUB_CASE_SYSTEM_SIGNING_SECRET to the secret shared with the case system");
        }
        if (isBlank(properties.url()) && !properties.simulator().enabled()) {
            throw new IllegalStateException("hub.case-system.url must be set, or the simulator switched on "
                    + "(hub.case-system.simulator.enabled=true, as the demo profile does)");
        }
        this.properties = properties;
        this.environment = environment;
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/events"))
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", exchange.getMessage().getHeader(HubHeaders.EVENT_ID, String.class))
                .header(CaseSystemSignature.HEADER, CaseSystemSignature.sign(body, properties.signingSecret()))
                .header("X-Correlation-Id", String.valueOf(exchange.getMessage().getHeader(HubHeaders.CORRELATION_ID)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<InputStream> response;
        String excerpt;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
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
            return;
        }
        if (status >= 400 && status < 500) {
            throw new CaseSystemRejectedException(status, excerpt);
        }
        throw new CaseSystemUnavailableException("case system answered " + status, null);
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
