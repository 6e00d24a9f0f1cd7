package org.mashhub.hub.sharing;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
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
 * purge is itself audited, with counts. Data of a partner with no agreement in force is kept, not guessed at.
 */
@Component
public class RetentionPurge {

    /** What one purge removed. */
    public record Purged(int eventPayloads, int attendanceMarks) {
    }

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    private final Agreements agreements;
    private final JdbcTemplate jdbc;
    private final AuditTrail auditTrail;
    private final Clock clock;

    RetentionPurge(Agreements agreements, JdbcTemplate jdbc, AuditTrail auditTrail, Clock clock) {
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
        for (Agreement agreement : agreements.all()) {
            if (!agreement.inForce(today)) {
                continue;
            }
            for (Map.Entry<String, Agreement.Category> category : agreement.categories().entrySet()) {
                LocalDate keepFrom = today.minus(category.getValue().retention());
                payloads += jdbc.update("""
                        update accepted_event set payload = null, purged_at = ?
                        where partner_id = ? and primary_category = ? and payload is not null and accepted_at < ?""",
                        now, agreement.partner(), category.getKey(), OffsetDateTime.of(keepFrom.atStartOfDay(), ZoneOffset.UTC));
                if (category.getKey().equals("education.attendance")) {
                    marks += jdbc.update("delete from school_attendance_mark where partner_id = ? and session_date < ?",
                            agreement.partner(), Date.valueOf(keepFrom));
                }
            }
        }
        auditTrail.append(AuditRecord.of(AuditAction.RETENTION_PURGED).actor(actor)
                .detail("event-payloads=" + payloads + " attendance-marks=" + marks));
        return new Purged(payloads, marks);
    }
}
