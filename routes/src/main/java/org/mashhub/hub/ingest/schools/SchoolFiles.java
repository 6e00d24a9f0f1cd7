package org.mashhub.hub.ingest.schools;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The record of school files: one per partner and content, with how far it got and its error report. */
@Component
class SchoolFiles {

    enum Status {
        /** Durable in the partner's folder, not yet read. */
        RECEIVED,
        PROCESSING,
        /** Every row became events. */
        DONE,
        /** Some rows became events; the others are in the error report. */
        DONE_WITH_ERRORS,
        /** Nothing was taken: the file could not be read, or every row was refused. */
        REJECTED;

        boolean finished() {
            return this == DONE || this == DONE_WITH_ERRORS || this == REJECTED;
        }
    }

    record SchoolFile(String fileId, String partnerId, String contentSha256, String fileName, String correlationId,
                      String format, Status status, Instant receivedAt, Instant completedAt, Integer rows,
                      Integer rowsAccepted, Integer rowsRejected, Integer events, List<String> leftAside) {
    }

    /** @param leftAside the names of the elements of the file the hub did not read (a full CTF's other containers) */
    record Counts(String format, int rows, int rowsAccepted, int rowsRejected, int events, List<String> leftAside) {
    }

    private static final RowMapper<SchoolFile> MAPPER = (rs, i) -> new SchoolFile(rs.getString("file_id"),
            rs.getString("partner_id"), rs.getString("content_sha256"), rs.getString("file_name"),
            rs.getString("correlation_id"), rs.getString("format"), Status.valueOf(rs.getString("status")),
            rs.getObject("received_at", OffsetDateTime.class).toInstant(),
            rs.getObject("completed_at", OffsetDateTime.class) == null ? null
                    : rs.getObject("completed_at", OffsetDateTime.class).toInstant(),
            (Integer) rs.getObject("rows_total"), (Integer) rs.getObject("rows_accepted"),
            (Integer) rs.getObject("rows_rejected"), (Integer) rs.getObject("events"),
            rs.getString("left_aside") == null ? List.of() : List.of(rs.getString("left_aside").split(" ")));

    private final JdbcTemplate jdbc;
    private final AuditTrail auditTrail;

    SchoolFiles(JdbcTemplate jdbc, AuditTrail auditTrail) {
        this.jdbc = jdbc;
        this.auditTrail = auditTrail;
    }

    Optional<SchoolFile> find(String fileId) {
        return jdbc.query("select * from school_file where file_id = ?", MAPPER, fileId).stream().findFirst();
    }

    /** Records a file as received, unless its content is known already; either way returns the record. */
    SchoolFile receive(String fileId, String partnerId, String contentSha256, String fileName, String correlationId,
                       Instant receivedAt) {
        jdbc.update("""
                insert into school_file (file_id, partner_id, content_sha256, file_name, correlation_id, status, received_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                fileId, partnerId, contentSha256, fileName, correlationId, Status.RECEIVED.name(), utc(receivedAt));
        return find(fileId).orElseThrow();
    }

    void processing(String fileId, String format) {
        jdbc.update("update school_file set status = ?, format = ? where file_id = ?", Status.PROCESSING.name(), format, fileId);
    }

    /** The file's outcome and its audit entry, together. */
    @Transactional
    void completed(SchoolFile file, Counts counts, String errorReport, Instant now) {
        Status status = counts.rowsRejected() == 0 && counts.rowsAccepted() > 0 ? Status.DONE
                : counts.rowsAccepted() > 0 ? Status.DONE_WITH_ERRORS : Status.REJECTED;
        jdbc.update("""
                update school_file set status = ?, format = ?, completed_at = ?, rows_total = ?, rows_accepted = ?,
                                       rows_rejected = ?, events = ?, error_report = ?, left_aside = ?
                where file_id = ?""", status.name(), counts.format(), utc(now), counts.rows(), counts.rowsAccepted(),
                counts.rowsRejected(), counts.events(), errorReport,
                counts.leftAside().isEmpty() ? null : shortened(String.join(" ", counts.leftAside())), file.fileId());
        auditTrail.append(AuditRecord.of(AuditAction.FILE_PROCESSED).actor("partner:" + file.partnerId())
                .partnerId(file.partnerId()).correlationId(file.correlationId()).hubMessageId(file.fileId())
                .detail("status=" + status + " format=" + counts.format() + " rows=" + counts.rows() + " accepted="
                        + counts.rowsAccepted() + " rejected=" + counts.rowsRejected() + " events=" + counts.events()));
    }

    private static String shortened(String names) {
        return names.length() <= 2000 ? names : names.substring(0, names.lastIndexOf(' ', 1990)) + " …";
    }

    Optional<String> errorReport(String fileId) {
        List<String> reports = jdbc.queryForList("select error_report from school_file where file_id = ?", String.class, fileId);
        return reports.stream().filter(r -> r != null).findFirst();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
