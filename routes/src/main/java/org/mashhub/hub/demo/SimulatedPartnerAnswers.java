package org.mashhub.hub.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.mashhub.schemas.CanonicalJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The demo partners answer the MASH's requests for information as their systems would: each pulls its notifications
 * with its demo key and answers a request {@code hub.demo.partner-answer-after} after it was made, in made-up words
 * ("nothing known" for one in three); every {@code late-answer-every}-th request only once it is past its due time.
 */
@Component
@ConditionalOnProperty(name = "hub.demo.partner-answers", havingValue = "true")
class SimulatedPartnerAnswers {

    private static final Logger log = LoggerFactory.getLogger(SimulatedPartnerAnswers.class);
    /** The demo partners' published keys, and what each says when it holds something (made up, about nobody). */
    private static final Map<String, String> PARTNERS = Map.of(
            "demo-police-key", "Demo force: two call-outs to the address in the last year; no one charged.",
            "demo-health-key", "Demo trust: one emergency attendance this year; health visitor not involved.",
            "demo-school-key", "Demo academy: attendance 88% this term; one concern logged, breakfast club offered.",
            "demo-housing-key", "Demo council: rent arrears; a tenancy sustainment officer is visiting.");

    private final DemoProperties properties;
    private final Environment environment;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SimulatedPartnerAnswers(DemoProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @Scheduled(initialDelay = 5_000, fixedDelayString = "${hub.demo.partner-answer-every:PT5S}")
    void answerWhatIsDue() {
        PARTNERS.forEach((key, holds) -> {
            try {
                HttpResponse<String> page = http.send(request("/api/v1/partner/notifications?limit=200", key).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (page.statusCode() != 200) {
                    return;
                }
                for (JsonNode n : CanonicalJson.mapper().readTree(page.body()).path("notifications")) {
                    if (n.path("type").asText().equals("INFORMATION_REQUEST") && due(n)) {
                        answer(key, n.at("/about/requestId").asText(), holds);
                    }
                }
            } catch (IOException e) {
                log.warn("Simulated partner could not answer yet: {}", e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Whether this request's answer is due from the simulated partner now: after the delay, or, for a late one, after its due time. */
    private boolean due(JsonNode n) {
        Instant made = Instant.parse(n.get("createdAt").asText());
        boolean late = properties.lateAnswerEvery() > 0 && Math.floorMod(n.get("id").asText().hashCode(), properties.lateAnswerEvery()) == 0;
        Instant answerAt = late ? Instant.parse(n.get("dueBy").asText()).plusSeconds(30) : made.plus(properties.partnerAnswerAfter());
        return !Instant.now().isBefore(answerAt);
    }

    private void answer(String key, String requestId, String holds) throws IOException, InterruptedException {
        boolean nothingKnown = Math.floorMod(requestId.hashCode(), 3) == 0;
        ObjectNode body = CanonicalJson.mapper().createObjectNode().put("nothingKnown", nothingKnown);
        if (!nothingKnown) {
            body.put("summary", holds);
        }
        int status = http.send(request("/api/v1/partner/enquiries/" + requestId + "/response", key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(CanonicalJson.mapper().writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        log.info("Simulated partner answered request {}: {}", requestId, status);
    }

    private HttpRequest.Builder request(String path, String key) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port", "8080") + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + key);
    }
}
