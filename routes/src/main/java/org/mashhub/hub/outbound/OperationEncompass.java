package org.mashhub.hub.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
import org.mashhub.hub.ledger.PartnerNotifications;
import org.mashhub.hub.partner.Partner;
import org.mashhub.hub.partner.PartnerKind;
import org.mashhub.hub.partner.PartnerRegistry;
import org.mashhub.hub.sharing.Agreements;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.events.Identifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operation Encompass: when the police attend a domestic-abuse incident a child of school age was involved in, the
 * child's school hears before the next school day, so a key adult is ready. Each police contact the hub accepts is
 * looked at once: a {@code DOMESTIC_ABUSE} incident about a child aged {@value #YOUNGEST} to {@value #OLDEST} whose
 * school is known (the URN the police gave, else the school the child's own school records name) gives each school
 * partner with that URN, where its agreement lets {@value #KIND} go back, an {@code OPERATION_ENCOMPASS} notification
 * due by {@code hub.outbound.encompass.due-at} on the next school day: the child as the school knows the child, when the
 * incident happened, whether the child was seen, and the police contact. Never the narrative, never the adults.
 */
@Component
class OperationEncompass {

    static final String KIND = "operation-encompass";
    /** School age as Operation Encompass reaches it: from reception (4) to the end of sixth form (18). */
    static final int YOUNGEST = 4;
    static final int OLDEST = 18;
    private static final ZoneId UK = ZoneId.of("Europe/London");
    private static final Logger log = LoggerFactory.getLogger(OperationEncompass.class);

    private final JdbcTemplate jdbc;
    private final PartnerNotifications notifications;
    private final PartnerRegistry partners;
    private final Agreements agreements;
    private final AuditTrail auditTrail;
    private final OutboundProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    OperationEncompass(JdbcTemplate jdbc, PartnerNotifications notifications, PartnerRegistry partners, Agreements agreements,
                       AuditTrail auditTrail, OutboundProperties properties, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.partners = partners;
        this.agreements = agreements;
        this.auditTrail = auditTrail;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** The police contacts accepted lately and not looked at yet, each in a transaction with its notifications. */
    @Scheduled(initialDelayString = "${hub.outbound.push-every:2s}", fixedDelayString = "${hub.outbound.push-every:2s}")
    void lookAtPoliceContacts() {
        List<Map<String, Object>> contacts = jdbc.queryForList("""
                select a.event_id, a.hub_child_id, a.payload from accepted_event a
                where a.kind = 'POLICE_CONTACT' and a.payload is not null and a.accepted_at > ?
                  and not exists (select 1 from encompass_check c where c.event_id = a.event_id)
                order by a.accepted_at limit 100""", OffsetDateTime.ofInstant(clock.instant().minus(Duration.ofDays(7)), ZoneOffset.UTC));
        for (Map<String, Object> contact : contacts) {
            String eventId = (String) contact.get("event_id");
            try {
                transaction.executeWithoutResult(status -> {
                    jdbc.update("insert into encompass_check (event_id, checked_at) values (?, ?)", eventId,
                            OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                    tellSchools(eventId, (String) contact.get("hub_child_id"), parse((String) contact.get("payload")));
                });
            } catch (RuntimeException e) {
                // Looked at again next time (another hub instance may have taken it: the check's key says so).
                log.warn("Police contact {} not looked at for Operation Encompass yet: {}", eventId, e.getClass().getSimpleName());
            }
        }
    }

    private void tellSchools(String eventId, String hubChildId, JsonNode event) {
        JsonNode data = event.get("data");
        if (!"DOMESTIC_ABUSE".equals(data.path("incidentType").asText()) || !data.hasNonNull("occurredAt")) {
            return;
        }
        Instant incident = Instant.parse(data.get("occurredAt").asText());
        JsonNode police = event.get("child");
        if (!police.hasNonNull("birthDate")) {
            return;
        }
        int age = Period.between(LocalDate.parse(police.get("birthDate").asText()), incident.atZone(UK).toLocalDate()).getYears();
        if (age < YOUNGEST || age > OLDEST) {
            return;
        }
        JsonNode schoolRecord = latestSchoolRecord(hubChildId);
        String urn = police.at("/school/urn").isTextual() ? police.at("/school/urn").asText() : schoolOf(schoolRecord);
        if (urn == null) {
            return;
        }
        Instant due = properties.encompass().dueAfter(incident).toInstant();
        LocalDate today = LocalDate.now(clock.withZone(UK));
        for (Partner school : partners.schoolsWithUrn(urn)) {
            if (!agreements.inForce(school.id(), today).map(a -> a.allowsBack(KIND)).orElse(false)) {
                auditTrail.append(AuditRecord.of(AuditAction.NOTIFICATION_NOT_ALLOWED).actor("hub").partnerId(school.id()).eventId(eventId)
                        .hubChildId(hubChildId).detail("type=OPERATION_ENCOMPASS: the agreement has no outbound " + KIND));
                continue;
            }
            ObjectNode body = CanonicalJson.mapper().createObjectNode().put("incidentAt", incident.toString()).put("schoolUrn", urn);
            if (data.has("seenAndSpokenTo") && data.get("seenAndSpokenTo").isBoolean()) {
                body.put("childSeen", data.get("seenAndSpokenTo").asBoolean());
            }
            if (data.hasNonNull("officer")) {
                body.set("policeContact", data.get("officer"));
            }
            notifications.make(new PartnerNotifications.Draft(school.id(), PartnerNotifications.Type.OPERATION_ENCOMPASS, hubChildId,
                    eventId, due, childAsTheSchoolKnows(police, schoolRecord, hubChildId),
                    CanonicalJson.mapper().createObjectNode().put("eventId", eventId), body), "hub");
        }
    }

    /** The newest record a school sent about the child (as linked now: every child linked into the same one), or null. */
    private JsonNode latestSchoolRecord(String hubChildId) {
        List<String> schools = partners.configured().stream().filter(p -> p.kind() == PartnerKind.SCHOOLS).map(p -> p.id()).toList();
        if (schools.isEmpty()) {
            return null;
        }
        List<Object> arguments = new java.util.ArrayList<>(List.of(hubChildId));
        arguments.addAll(schools);
        // The child as the hub knows it now: the one it was linked into, with every child linked into that one.
        return jdbc.queryForList("""
                select a.payload from accepted_event a
                where a.hub_child_id in (select c.hub_child_id from hub_child c, hub_child k where k.hub_child_id = ?
                                         and coalesce(c.merged_into, c.hub_child_id) = coalesce(k.merged_into, k.hub_child_id))
                  and a.payload is not null and a.partner_id in (""" + String.join(",", java.util.Collections.nCopies(schools.size(), "?"))
                + ") order by a.accepted_at desc limit 1", String.class, arguments.toArray())
                .stream().findFirst().map(OperationEncompass::parse).orElse(null);
    }

    /** The school a school's record places the child at now: the school it joined or moved to, or the one writing. */
    private static String schoolOf(JsonNode record) {
        if (record == null) {
            return null;
        }
        String change = record.at("/data/change").asText("");
        JsonNode urn = switch (change) {
            case "TRANSFERRED" -> record.at("/data/destinationSchool/urn");
            case "LEFT" -> com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            case "JOINED" -> record.at("/data/school/urn");
            default -> record.at("/child/school/urn");
        };
        return urn.isTextual() ? urn.asText() : null;
    }

    /** The school's own name, date of birth and UPN for the child where it sent any; else the police's, with the UPN the hub knows. */
    private ObjectNode childAsTheSchoolKnows(JsonNode police, JsonNode schoolRecord, String hubChildId) {
        JsonNode known = schoolRecord != null ? schoolRecord.get("child") : police;
        ObjectNode child = CanonicalJson.mapper().createObjectNode();
        if (known.hasNonNull("name")) {
            child.set("name", known.get("name"));
        }
        if (known.hasNonNull("birthDate")) {
            child.set("birthDate", known.get("birthDate"));
        }
        com.fasterxml.jackson.databind.node.ArrayNode upns = child.putArray("identifiers");
        known.path("identifiers").forEach(id -> {
            if (Identifier.UPN.equals(id.path("system").asText())) {
                upns.add(id);
            }
        });
        if (upns.isEmpty()) {
            jdbc.queryForList("select upns from hub_child where hub_child_id = ?", String.class, hubChildId).stream()
                    .flatMap(u -> java.util.Arrays.stream(u.split("\\|"))).filter(u -> !u.isBlank()).distinct()
                    .forEach(u -> upns.addObject().put("system", Identifier.UPN).put("value", u));
        }
        if (upns.isEmpty()) {
            child.remove("identifiers");
        }
        return child;
    }

    private static JsonNode parse(String payload) {
        try {
            return CanonicalJson.mapper().readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
