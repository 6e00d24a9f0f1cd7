package org.mashhub.hub.triage;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
import org.mashhub.hub.edge.RequestRefusals;
import org.mashhub.hub.ledger.PartnerNotifications;
import org.mashhub.hub.outbound.ReferralOutcomes;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The case system reports the outcome of a referral it decided (after a strategy discussion, say), with its own key:
 * the referrer is told, as after a MASH decision. The referral is named by the hub's event id, or by the referring
 * partner's own message id (with {@code partnerId} where two partners used the same id). A referrer is told one outcome:
 * the same again is answered as before; another outcome, once one was sent, is a conflict.
 */
@RestController
@RequestMapping("/api/v1/case-system/outcomes")
class CaseSystemOutcomeController {

    private final JdbcTemplate jdbc;
    private final ReferralOutcomes referrers;
    private final PartnerNotifications notifications;
    private final AuditTrail auditTrail;

    CaseSystemOutcomeController(JdbcTemplate jdbc, ReferralOutcomes referrers, PartnerNotifications notifications, AuditTrail auditTrail) {
        this.jdbc = jdbc;
        this.referrers = referrers;
        this.notifications = notifications;
        this.auditTrail = auditTrail;
    }

    @Operation(summary = "The case system reports a referral's outcome", description = "Body: {\"eventId\" or \"partnerMessageId\" "
            + "(and \"partnerId\"), \"outcome\", \"decidedAt\"?, \"contact\"?}. The referrer hears it where its agreement allows.")
    @ApiResponse(responseCode = "200", description = "The referrers told (or told before): partner and notification ids")
    @ApiResponse(responseCode = "401", description = "No valid case-system key")
    @ApiResponse(responseCode = "404", description = "No referral with that id")
    @ApiResponse(responseCode = "409", description = "The referrer was told another outcome already")
    @ApiResponse(responseCode = "422", description = "A field missing or not allowed: every problem is listed")
    @PostMapping
    @Transactional
    ResponseEntity<?> report(@RequestBody JsonNode body) {
        List<Map<String, String>> problems = new ArrayList<>();
        String eventId = text(body, "eventId");
        String partnerMessageId = text(body, "partnerMessageId");
        String partnerId = text(body, "partnerId");
        if ((eventId == null) == (partnerMessageId == null)) {
            problems.add(RequestRefusals.problem("/eventId", "name the referral by exactly one of eventId and partnerMessageId"));
        }
        String outcome = text(body, "outcome");
        if (outcome == null || Arrays.stream(Outcome.values()).noneMatch(o -> o.name().equals(outcome))) {
            problems.add(RequestRefusals.problem("/outcome", "one of " + Arrays.toString(Outcome.values())));
        }
        Instant decidedAt = Instant.now();
        try {
            if (text(body, "decidedAt") != null) {
                decidedAt = Instant.parse(text(body, "decidedAt"));
            }
        } catch (DateTimeParseException e) {
            problems.add(RequestRefusals.problem("/decidedAt", "a date and time with its offset, such as 2026-11-21T13:40:00Z"));
        }
        String contact = text(body, "contact");
        if (contact != null && contact.length() > 500) {
            problems.add(RequestRefusals.problem("/contact", contact.length() + " characters long; at most 500"));
        }
        if (!problems.isEmpty()) {
            throw new RequestRefusals.Problems(problems);
        }
        List<Map<String, Object>> referrals = eventId != null
                ? jdbc.queryForList("select event_id, partner_id from accepted_event where event_id = ? and event_type = 'ReferralEvent'", eventId)
                : jdbc.queryForList("""
                        select a.event_id, a.partner_id from accepted_event a join inbound_message m on m.hub_message_id = a.hub_message_id
                        where m.partner_message_id = ? and a.event_type = 'ReferralEvent'""", partnerMessageId).stream()
                        .filter(r -> partnerId == null || partnerId.equals(r.get("partner_id"))).toList();
        if (referrals.isEmpty()) {
            throw new RequestRefusals.NotFound("There is no referral " + (eventId != null ? eventId : partnerMessageId) + ".");
        }
        if (referrals.stream().map(r -> r.get("partner_id")).distinct().count() > 1) {
            throw new RequestRefusals.Problems(List.of(RequestRefusals.problem("/partnerId",
                    "more than one partner sent a message " + partnerMessageId + ": name the partner")));
        }
        List<String> eventIds = referrals.stream().map(r -> (String) r.get("event_id")).toList();
        for (String id : eventIds) {
            notifications.about(id).stream().filter(n -> n.type() == PartnerNotifications.Type.REFERRAL_OUTCOME)
                    .filter(n -> !outcome.equals(n.envelope().at("/body/outcome").asText())).findFirst().ifPresent(n -> {
                        throw new RequestRefusals.Conflict("The referrer was told " + n.envelope().at("/body/outcome").asText()
                                + " for this referral already.");
                    });
        }
        auditTrail.append(AuditRecord.of(AuditAction.RECEIVED).actor("case-system").partnerId((String) referrals.get(0).get("partner_id"))
                .eventId(eventIds.get(0)).detail("referral outcome=" + outcome + " events=" + eventIds.size()));
        List<PartnerNotifications.Notification> told = referrers.tell(eventIds, outcome, Outcome.valueOf(outcome).words(), decidedAt,
                contact, "case-system");
        return ResponseEntity.ok(Map.of("told", told.stream().map(n -> Map.of("partnerId", n.partnerId(), "notificationId", n.id()))
                .toList()));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body == null ? null : body.get(field);
        return value == null || value.isNull() || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }
}
