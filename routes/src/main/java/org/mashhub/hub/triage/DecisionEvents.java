package org.mashhub.hub.triage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mashhub.hub.identity.ChildIndex;
import org.mashhub.hub.ingest.PartnerIngest;
import org.mashhub.hub.partner.PartnerRegistry;
import org.mashhub.hub.ledger.MessageFingerprint;
import org.mashhub.hub.ledger.PartnerSubmission;
import org.mashhub.hub.outbound.ReferralOutcomes;
import org.mashhub.hub.storage.Times;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.events.CanonicalEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tells the case system what the MASH decided, once a decision is final: past its undo window, and signed off where it
 * needs to be (so nothing sent is ever taken back). Each decision becomes one {@code MASH_DECISION} child-record event
 * from the hub itself ({@value PartnerRegistry#HUB_ITSELF}), accepted through the same durable pipeline as a partner's
 * message and delivered like any other event. The event and message ids come from the decision's id, so a second try
 * after a failure is recognised as the same message, and the case system sees one event. Each referrer is told the
 * outcome first ({@link ReferralOutcomes}), once however often it is tried.
 */
@Component
class DecisionEvents {

    private static final Logger log = LoggerFactory.getLogger(DecisionEvents.class);

    private final JdbcTemplate jdbc;
    private final PartnerIngest ingest;
    private final ChildIndex index;
    private final TriageProperties properties;
    private final ReferralOutcomes referrers;
    private final Clock clock;

    DecisionEvents(JdbcTemplate jdbc, PartnerIngest ingest, ChildIndex index, TriageProperties properties, ReferralOutcomes referrers,
                   Clock clock) {
        this.referrers = referrers;
        this.jdbc = jdbc;
        this.ingest = ingest;
        this.index = index;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${hub.triage.send-every:PT15S}", fixedDelayString = "${hub.triage.send-every:PT15S}")
    void sendFinalDecisions() {
        Map<String, List<Map<String, Object>>> decisions = new LinkedHashMap<>();
        for (Map<String, Object> row : jdbc.queryForList("""
                select d.decision_id, d.event_id, d.decided_at, d.decided_by, d.outcome, d.rationale, d.signed_off_by, d.signed_off_at,
                       a.hub_child_id, a.payload, a.accepted_at
                from mash_decision d join accepted_event a on a.event_id = d.event_id
                where d.sent_event_id is null and d.outcome is not null and d.decided_at < ?
                  and (d.needs_sign_off = false or d.signed_off_by is not null) and a.payload is not null
                order by d.decided_at, a.accepted_at limit 200""",
                OffsetDateTime.ofInstant(clock.instant().minus(properties.undoWindow()), ZoneOffset.UTC))) {
            decisions.computeIfAbsent((String) row.get("decision_id"), d -> new java.util.ArrayList<>()).add(row);
        }
        decisions.forEach((decisionId, copies) -> {
            try {
                // The referrers first: told once however often this is tried, and before the decision counts as sent.
                Map<String, Object> first = copies.get(0);
                referrers.tell(copies.stream().map(c -> (String) c.get("event_id")).toList(), (String) first.get("outcome"),
                        Outcome.valueOf((String) first.get("outcome")).words(), Times.instant(first.get("decided_at")), null, "hub");
                String eventId = send(decisionId, copies);
                jdbc.update("update mash_decision set sent_event_id = ? where decision_id = ?", eventId, decisionId);
            } catch (RuntimeException e) {
                // Tried again next time, under the same ids.
                log.warn("MASH decision {} not sent to the case system yet: {}", decisionId, e.getClass().getSimpleName());
            }
        });
    }

    private String send(String decisionId, List<Map<String, Object>> copies) {
        Map<String, Object> first = copies.get(0);
        JsonNode referral = parse((String) first.get("payload"));
        String eventId = UUID.nameUUIDFromBytes(("mash-decision-event:" + decisionId).getBytes(StandardCharsets.UTF_8)).toString();
        String hubMessageId = UUID.nameUUIDFromBytes(("mash-decision-message:" + decisionId).getBytes(StandardCharsets.UTF_8)).toString();
        String correlationId = "mash-decision-" + decisionId;
        Instant now = clock.instant();
        ObjectNode data = CanonicalJson.mapper().createObjectNode().put("decisionId", decisionId);
        copies.forEach(c -> data.withArray("referralEventIds").add((String) c.get("event_id")));
        data.put("outcome", (String) first.get("outcome")).put("rationale", (String) first.get("rationale"))
                .put("decidedBy", (String) first.get("decided_by")).put("decidedAt", Times.instant(first.get("decided_at")).toString());
        if (first.get("signed_off_by") != null) {
            data.put("signedOffBy", (String) first.get("signed_off_by")).put("signedOffAt", Times.instant(first.get("signed_off_at")).toString());
        }
        ObjectNode child = CanonicalJson.mapper().createObjectNode().put("hubChildId", index.current((String) first.get("hub_child_id")));
        for (String field : List.of("identifiers", "name", "birthDate")) {
            if (referral.at("/child").has(field)) {
                child.set(field, referral.at("/child").get(field));
            }
        }
        ObjectNode event = CanonicalJson.mapper().createObjectNode().put("eventType", "ChildRecordEvent").put("schemaVersion", 1)
                .put("eventId", eventId).put("correlationId", correlationId).put("occurredAt", data.get("decidedAt").asText())
                .put("recordedAt", now.toString());
        event.putObject("source").put("agency", "social-care").put("partnerId", PartnerRegistry.HUB_ITSELF)
                .put("partnerMessageId", decisionId).put("hubMessageId", hubMessageId);
        event.set("child", child);
        event.put("recordType", "MASH_DECISION").set("data", data);
        event.putArray("dataCategories").add("social-care.decision");
        event.putObject("sharing").put("consent", "NOT_SOUGHT").putArray("lawfulBasis").add("UK-GDPR-6-1-e");
        CanonicalEvent canonical;
        try {
            canonical = CanonicalJson.mapper().treeToValue(event, CanonicalEvent.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ingest.accept(new PartnerSubmission(PartnerRegistry.HUB_ITSELF, decisionId, hubMessageId, MessageFingerprint.ofEncoded(data.toString()),
                correlationId, now, List.of(canonical), List.of(), List.of()));
        return eventId;
    }

    private static JsonNode parse(String payload) {
        try {
            return CanonicalJson.mapper().readTree(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
