package org.mashhub.hub.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
import org.mashhub.hub.ledger.PartnerNotifications;
import org.mashhub.hub.partner.PartnerRegistry;
import org.mashhub.hub.sharing.Agreements;
import org.mashhub.schemas.CanonicalJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The referrer is told the outcome of its referral (Working Together to Safeguard Children 2023): for each partner
 * whose referral a final MASH decision covers (the same incident sent by three agencies is three referrers), a
 * {@code REFERRAL_OUTCOME} notification naming the partner's own message id and reference, the child as the partner
 * described the child, and the outcome in plain words. Only where the partner's agreement lets {@value #KIND} go back.
 */
@Component
public class ReferralOutcomes {

    /** The agreement's name for this kind of notification ({@code outbound:} in {@code config/sharing/}). */
    static final String KIND = "referral.outcome";
    private static final ZoneId UK = ZoneId.of("Europe/London");

    private final JdbcTemplate jdbc;
    private final PartnerNotifications notifications;
    private final Agreements agreements;
    private final AuditTrail auditTrail;
    private final Clock clock;
    private final String mashContact;

    ReferralOutcomes(JdbcTemplate jdbc, PartnerNotifications notifications, Agreements agreements, AuditTrail auditTrail, Clock clock,
                     OutboundProperties properties) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.agreements = agreements;
        this.auditTrail = auditTrail;
        this.clock = clock;
        this.mashContact = properties.mashContact();
    }

    /**
     * Tells each referrer of these referral events the outcome; making a notification twice makes it once, so a retry
     * of the decision's sending tells nobody twice. The notifications made (or made before), for each referrer whose
     * agreement lets the outcome back.
     *
     * @param contact whom the referrer contacts about it (null: {@code hub.outbound.mash-contact})
     * @param actor   who decided it, for the audit: the hub (a MASH decision) or the case system
     */
    @Transactional
    public List<PartnerNotifications.Notification> tell(List<String> referralEventIds, String outcome, String outcomeInWords,
                                                        Instant decidedAt, String contact, String actor) {
        List<PartnerNotifications.Notification> told = new java.util.ArrayList<>();
        for (String eventId : referralEventIds) {
            Map<String, Object> referral = jdbc.queryForMap("""
                    select a.partner_id, a.hub_child_id, a.payload, m.partner_message_id
                    from accepted_event a join inbound_message m on m.hub_message_id = a.hub_message_id
                    where a.event_id = ?""", eventId);
            String partnerId = (String) referral.get("partner_id");
            if (PartnerRegistry.HUB_ITSELF.equals(partnerId)) {
                continue;
            }
            String hubChildId = (String) referral.get("hub_child_id");
            boolean allowed = agreements.inForce(partnerId, LocalDate.now(clock.withZone(UK))).map(a -> a.allowsBack(KIND)).orElse(false);
            if (!allowed) {
                auditTrail.append(AuditRecord.of(AuditAction.NOTIFICATION_NOT_ALLOWED).actor("hub").partnerId(partnerId).eventId(eventId)
                        .hubChildId(hubChildId).detail("type=REFERRAL_OUTCOME: the agreement has no outbound " + KIND));
                continue;
            }
            JsonNode event = parse((String) referral.get("payload"));
            ObjectNode about = CanonicalJson.mapper().createObjectNode().put("partnerMessageId", (String) referral.get("partner_message_id"))
                    .put("eventId", eventId);
            if (event.at("/source/reference").isTextual()) {
                about.put("reference", event.at("/source/reference").asText());
            }
            ObjectNode body = CanonicalJson.mapper().createObjectNode().put("outcome", outcome).put("outcomeText", outcomeInWords)
                    .put("decidedAt", decidedAt.toString());
            String whom = contact != null && !contact.isBlank() ? contact : mashContact;
            if (!whom.isBlank()) {
                body.put("contact", whom);
            }
            told.add(notifications.make(new PartnerNotifications.Draft(partnerId, PartnerNotifications.Type.REFERRAL_OUTCOME, hubChildId,
                    eventId, null, childAsThePartnerKnows(event), about, body), actor));
        }
        return told;
    }

    /** The name, date of birth and identifiers the partner itself gave (none once the referral's content is purged). */
    private static ObjectNode childAsThePartnerKnows(JsonNode event) {
        ObjectNode child = CanonicalJson.mapper().createObjectNode();
        for (String field : List.of("name", "birthDate", "identifiers")) {
            JsonNode value = event.at("/child/" + field);
            if (!value.isMissingNode() && !value.isNull()) {
                child.set(field, value);
            }
        }
        return child;
    }

    private static JsonNode parse(String payload) {
        if (payload == null) {
            return CanonicalJson.mapper().createObjectNode();
        }
        try {
            return CanonicalJson.mapper().readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
