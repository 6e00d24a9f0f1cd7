package org.mashhub.hub.casesystem;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.mashhub.hub.delivery.CaseSystemClient;
import org.mashhub.hub.edge.WebhookSignature;
import org.mashhub.schemas.CanonicalJson;

/**
 * The case system's side of the delivery contract, in memory: it checks each delivery's Standard Webhooks signature
 * and timestamp (401 if either is wrong), keeps each event once under its {@code webhook-id}, and answers 409 to a
 * repeat. Tests can script its answers to simulate outages and refusals.
 */
public class SimulatedCaseSystem {

    /** An event the case system holds, under the key it arrived with, and its place in its child's sequence. */
    public record Received(String idempotencyKey, Instant receivedAt, JsonNode event, Long childSequence) {
    }

    private final List<WebhookSignature.Secret> secrets;
    private final Map<String, Received> held = new LinkedHashMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private final ConcurrentLinkedDeque<Integer> scriptedAnswers = new ConcurrentLinkedDeque<>();
    private volatile Function<JsonNode, Integer> answerRule = event -> null;
    private volatile Duration processingTime = Duration.ZERO;

    public SimulatedCaseSystem(List<WebhookSignature.Secret> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    /** Takes one delivery (its headers by name, and body) and returns the HTTP status the case system answers with. */
    public int receive(UnaryOperator<String> header, byte[] body) {
        String idempotencyKey = header.apply("Idempotency-Key");
        synchronized (this) {
            if (idempotencyKey != null) {
                attempts.merge(idempotencyKey, 1, Integer::sum);
            }
        }
        if (!WebhookSignature.verify(header.apply(WebhookSignature.ID), header.apply(WebhookSignature.TIMESTAMP),
                header.apply(WebhookSignature.SIGNATURE), body, secrets, Instant.now())) {
            return 401;
        }
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return 400;
        }
        JsonNode event;
        try {
            event = CanonicalJson.mapper().readTree(body);
        } catch (IOException e) {
            return 400;
        }
        pause();
        Integer scripted = scriptedAnswers.poll();
        if (scripted != null) {
            return scripted;
        }
        Integer ruled = answerRule.apply(event);
        if (ruled != null) {
            return ruled;
        }
        synchronized (this) {
            if (held.containsKey(idempotencyKey)) {
                return 409;
            }
            String sequence = header.apply(CaseSystemClient.CHILD_SEQUENCE);
            held.put(idempotencyKey, new Received(idempotencyKey, Instant.now(), event, sequence == null ? null : Long.valueOf(sequence)));
            return 201;
        }
    }

    /** Everything held, in the order it arrived. */
    public synchronized List<Received> received() {
        return new ArrayList<>(held.values());
    }

    /** How many times a key was posted, whatever the answer. */
    public synchronized int attempts(String idempotencyKey) {
        return attempts.getOrDefault(idempotencyKey, 0);
    }

    /** The next deliveries get these statuses, in order, whatever they carry. */
    public void answerNext(int... statuses) {
        for (int status : statuses) {
            scriptedAnswers.add(status);
        }
    }

    /** Answers with the rule's status where it gives one (null: take the event as usual). */
    public void answerWith(Function<JsonNode, Integer> rule) {
        this.answerRule = rule == null ? event -> null : rule;
    }

    /** How long each delivery takes to process, to let concurrent deliveries overtake each other. */
    public void processingTime(Duration duration) {
        this.processingTime = duration;
    }

    public synchronized void reset() {
        held.clear();
        attempts.clear();
        scriptedAnswers.clear();
        answerRule = event -> null;
        processingTime = Duration.ZERO;
    }

    private void pause() {
        long millis = processingTime.toMillis();
        if (millis > 0) {
            try {
                Thread.sleep((long) (Math.random() * millis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
