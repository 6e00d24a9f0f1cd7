package org.mashhub.hub.view;

import org.mashhub.hub.edge.FreeText;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
import org.mashhub.schemas.CanonicalJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * New referrals waiting for a MASH decision, most urgent first (RED, AMBER, GREEN, then by when the decision is
 * due), each with its clock against the council's timescales. Recording the decision stops the clock.
 */
@Component
public class MashInbox {

    /** A referral in the inbox. The summary is shown only once the sharing policy has let the referral through. */
    public record Entry(String eventId, String hubChildId, String agency, String rag, String summary, String sharing,
                        Instant arrived, Instant due, boolean overdue) {
    }

    /** A decision already recorded on this referral. */
    public static class AlreadyDecided extends RuntimeException {
        AlreadyDecided(String eventId) {
            super("The MASH decision on referral " + eventId + " is recorded already.");
        }
    }

    private final JdbcTemplate jdbc;
    private final DecisionTimescales timescales;
    private final ChildPages pages;
    private final ViewProperties properties;
    private final AuditTrail auditTrail;
    private final Clock clock;

    MashInbox(JdbcTemplate jdbc, DecisionTimescales timescales, ChildPages pages, ViewProperties properties, AuditTrail auditTrail,
              Clock clock) {
        this.jdbc = jdbc;
        this.timescales = timescales;
        this.pages = pages;
        this.properties = properties;
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Entry> open() {
        Instant now = clock.instant();
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select a.event_id, a.hub_child_id, a.partner_id, a.accepted_at, a.payload, a.sharing_decision, a.status
                from accepted_event a left join mash_decision d on d.event_id = a.event_id
                where a.event_type = 'ReferralEvent' and a.accepted_at >= ? and d.event_id is null and a.status <> 'REFUSED'
                order by a.accepted_at limit 500""",
                OffsetDateTime.ofInstant(now.minus(java.time.Duration.ofDays(properties.inboxDays())), ZoneOffset.UTC));
        return rows.stream().map(row -> entry(row, now))
                .sorted(Comparator.comparing((Entry e) -> rank(e.rag())).thenComparing(Entry::due)).toList();
    }

    /** Records the MASH's decision on a referral, audited. */
    @Transactional
    public void decided(String eventId, String actor, String note) {
        FreeText.bounded("note", note, FreeText.NOTE);
        Map<String, Object> event = jdbc.queryForList("select hub_child_id, partner_id from accepted_event where event_id = ? "
                + "and event_type = 'ReferralEvent'", eventId).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("There is no referral " + eventId + "."));
        if (!jdbc.queryForList("select 1 from mash_decision where event_id = ?", eventId).isEmpty()) {
            throw new AlreadyDecided(eventId);
        }
        jdbc.update("insert into mash_decision (event_id, decided_at, decided_by, note) values (?, ?, ?, ?)", eventId,
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), actor, note == null || note.isBlank() ? null
                        : note.substring(0, Math.min(note.length(), 2000)));
        auditTrail.append(AuditRecord.of(AuditAction.MASH_DECIDED).actor(actor).eventId(eventId)
                .hubChildId((String) event.get("hub_child_id")).partnerId((String) event.get("partner_id")));
    }

    private Entry entry(Map<String, Object> row, Instant now) {
        Instant arrived = Times.instant(row.get("accepted_at"));
        String payload = (String) row.get("payload");
        String rag = null;
        String summary = null;
        if (payload != null) {
            try {
                JsonNode event = CanonicalJson.mapper().readTree(payload);
                rag = event.at("/concern/rag").asText(null);
                summary = event.at("/concern/summary").asText(null);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                summary = null;
            }
        }
        String decision = (String) row.get("sharing_decision");
        String sharing = decision == null ? "awaiting the sharing policy"
                : "WITHHOLD".equals(decision) ? "withheld: awaiting a manager" : null;
        Instant due = timescales.due(arrived, rag);
        return new Entry((String) row.get("event_id"), (String) row.get("hub_child_id"), pages.agency((String) row.get("partner_id")),
                rag, sharing == null ? summary : null, sharing, arrived, due, now.isAfter(due));
    }

    static int rank(String rag) {
        return rag == null ? 3 : switch (rag) {
            case "RED" -> 0;
            case "AMBER" -> 1;
            case "GREEN" -> 2;
            default -> 3;
        };
    }
}
