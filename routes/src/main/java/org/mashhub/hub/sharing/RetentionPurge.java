package org.mashhub.hub.sharing;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
import org.mashhub.hub.ledger.HubNotices;
import org.mashhub.schemas.events.NoticeType;
import org.mashhub.schemas.events.RecordsPurgedData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps nothing longer than its agreement says: an event's content (the payload the hub keeps for the MASH
 * view and for managers' decisions) goes when its substance's category is past its retention period for
 * the partner, and pupils' attendance marks when education.attendance is. Ids, dates and the audit stay; the
 * purge is itself audited, with counts, and the case system hears which events' content went, per child, partner and
 * category ({@link NoticeType#RECORDS_PURGED}), to apply its own retention to its copies. Data of a partner with no
 * agreement in force is kept, not guessed at.
 */
@Component
public class RetentionPurge {

    /** What one purge removed. */
    public record Purged(int eventPayloads, int attendanceMarks) {
    }

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);
    /** The most event ids one notice lists (the schema's bound). */
    private static final int NOTICE_EVENTS = 500;

    private final Agreements agreements;
    private final JdbcTemplate jdbc;
    private final AuditTrail auditTrail;
    private final HubNotices notices;
    private final Clock clock;

    RetentionPurge(Agreements agreements, JdbcTemplate jdbc, AuditTrail auditTrail, HubNotices notices, Clock clock) {
        this.notices = notices;
        this.agreements = agreements;
        this.jdbc = jdbc;
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    @Scheduled(cron = "${hub.sharing.retention-purge-cron:0 30 2 * * *}")
    void scheduled() {
        Purged purged = purge("hub");
        log.info("Retention purge: {} event payloads, {} attendance marks", purged.eventPayloads(), purged.attendanceMarks());
    }

    @Transactional
    public Purged purge(String actor) {
        LocalDate today = LocalDate.now(clock);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int payloads = 0;
        int marks = 0;
        List<HubNotices.Notice> purgeNotices = new ArrayList<>();
        for (Agreement agreement : agreements.all()) {
            if (!agreement.inForce(today)) {
                continue;
            }
            for (Map.Entry<String, Agreement.Category> category : agreement.categories().entrySet()) {
                LocalDate keepFrom = today.minus(category.getValue().retention());
                // By the child the hub knows them by now (a child linked into another goes by the other's id).
                Map<String, List<String>> byChild = new TreeMap<>();
                jdbc.query("""
                        select a.event_id, coalesce(c.merged_into, a.hub_child_id)
                        from accepted_event a left join hub_child c on c.hub_child_id = a.hub_child_id
                        where a.partner_id = ? and a.primary_category = ? and a.payload is not null and a.accepted_at < ?
                        order by a.accepted_at, a.event_id""",
                        rs -> {
                            byChild.computeIfAbsent(rs.getString(2), c -> new ArrayList<>()).add(rs.getString(1));
                        }, agreement.partner(), category.getKey(), OffsetDateTime.of(keepFrom.atStartOfDay(), ZoneOffset.UTC));
                List<Object[]> purged = byChild.values().stream().flatMap(List::stream).map(e -> new Object[] {now, e}).toList();
                jdbc.batchUpdate("update accepted_event set payload = null, purged_at = ? where event_id = ?", purged);
                payloads += purged.size();
                byChild.forEach((child, events) -> {
                    for (int from = 0; from < events.size(); from += NOTICE_EVENTS) {
                        purgeNotices.add(new HubNotices.Notice(child, NoticeType.RECORDS_PURGED, new RecordsPurgedData(agreement.partner(),
                                category.getKey(), category.getValue().retention().toString(),
                                events.subList(from, Math.min(events.size(), from + NOTICE_EVENTS)), now.toInstant())));
                    }
                });
                if (category.getKey().equals("education.attendance")) {
                    marks += jdbc.update("delete from school_attendance_mark where partner_id = ? and session_date < ?",
                            agreement.partner(), Date.valueOf(keepFrom));
                }
            }
        }
        auditTrail.append(AuditRecord.of(AuditAction.RETENTION_PURGED).actor(actor)
                .detail("event-payloads=" + payloads + " attendance-marks=" + marks));
        notices.publish(actor, purgeNotices);
        return new Purged(payloads, marks);
    }
}
