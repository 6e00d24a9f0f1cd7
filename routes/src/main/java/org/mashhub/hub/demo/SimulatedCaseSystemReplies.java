package org.mashhub.hub.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mashhub.hub.casesystem.SimulatedCaseSystem;
import org.mashhub.schemas.CanonicalJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The demo case system records each MASH decision it is sent and, {@code hub.demo.case-system-reply-after} later,
 * reports the outcome of each referral it covers back to the hub, as a case system of record does: over HTTP, at
 * {@code POST /api/v1/case-system/outcomes}, with the demo case-system key. The hub recognises an outcome its referrer
 * was already told and tells nobody twice; the report is in the audit as received from {@code case-system}.
 */
@Component
@ConditionalOnProperty(name = {"hub.demo.case-system-replies", "hub.case-system.simulator.enabled"}, havingValue = "true")
class SimulatedCaseSystemReplies {

    private static final Logger log = LoggerFactory.getLogger(SimulatedCaseSystemReplies.class);
    /** At most this many reports each round, so a fresh hub's history of decisions is reported over a few minutes. */
    private static final int PER_ROUND = 20;

    private final SimulatedCaseSystem caseSystem;
    private final DemoProperties properties;
    private final Environment environment;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SimulatedCaseSystemReplies(SimulatedCaseSystem caseSystem, DemoProperties properties, Environment environment) {
        this.caseSystem = caseSystem;
        this.properties = properties;
        this.environment = environment;
    }

    @Scheduled(initialDelay = 5_000, fixedDelayString = "${hub.demo.case-system-reply-every:PT5S}")
    void reportDecidedOutcomes() {
        Instant due = Instant.now().minus(properties.caseSystemReplyAfter());
        int sent = 0;
        for (SimulatedCaseSystem.Received received : caseSystem.received()) {
            JsonNode event = received.event();
            if (sent >= PER_ROUND || !"MASH_DECISION".equals(event.path("recordType").asText()) || received.receivedAt().isAfter(due)) {
                continue;
            }
            for (JsonNode referral : event.at("/data/referralEventIds")) {
                if (reported.contains(referral.asText())) {
                    continue;
                }
                ObjectNode report = CanonicalJson.mapper().createObjectNode().put("eventId", referral.asText())
                        .put("outcome", event.at("/data/outcome").asText()).put("decidedAt", event.at("/data/decidedAt").asText());
                if (post(report)) {
                    reported.add(referral.asText());
                    sent++;
                }
            }
        }
    }

    private boolean post(ObjectNode report) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + environment.getProperty("local.server.port", "8080") + "/api/v1/case-system/outcomes"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + properties.caseSystemKey())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(CanonicalJson.mapper().writeValueAsBytes(report)))
                    .build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            log.info("Simulated case system reported the outcome of referral {}: {}", report.get("eventId").asText(), status);
            // 409: the referrer was told another outcome; nothing to do again either way.
            return status == 200 || status == 404 || status == 409 || status == 422;
        } catch (java.io.IOException e) {
            log.warn("Simulated case system could not report an outcome yet: {}", e.getClass().getSimpleName());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
