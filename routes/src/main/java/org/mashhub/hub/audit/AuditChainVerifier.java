package org.mashhub.hub.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Walks the audit chain from the first entry and reports the first that does not fit: an entry whose
 * own hash does not match its fields (edited), whose previous hash is not its predecessor's (edited
 * predecessor, or one inserted), or whose sequence skips (one deleted); and a head that does not point
 * at the last entry (entries removed from the end).
 */
@Component
public class AuditChainVerifier {

    private final JdbcTemplate jdbc;

    public AuditChainVerifier(DataSource dataSource) {
        // Its own template: the chain is streamed in pages rather than read into memory at once.
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1000);
    }

    public record Verification(boolean valid, long entries, Long firstBrokenAt) {
    }

    @Transactional(readOnly = true)
    public Verification verify() {
        // The head first, then the entries up to it: entries appended meanwhile are after the head read, and are
        // the next verification's (reading the head last took a busy hub's fresh appends for a broken chain).
        Map<String, Object> head = jdbc.queryForMap("select last_seq, last_hash from audit_chain_head where id = 1");
        long headSeq = ((Number) head.get("last_seq")).longValue();
        Walk walk = new Walk();
        jdbc.query("""
                select seq, recorded_at, action, actor, correlation_id, partner_id, hub_message_id, event_id,
                       hub_child_id, detail, prev_hash, entry_hash
                from audit_entry where seq <= ? order by seq""", walk, headSeq);
        if (walk.firstBrokenAt == null && (headSeq != walk.lastSeq || !walk.lastHash.equals(head.get("last_hash")))) {
            walk.firstBrokenAt = Math.min(headSeq, walk.lastSeq) + 1;
        }
        return new Verification(walk.firstBrokenAt == null, walk.count, walk.firstBrokenAt);
    }

    private static final class Walk implements RowCallbackHandler {
        long count;
        long lastSeq;
        String lastHash = AuditEntry.GENESIS_HASH;
        Long firstBrokenAt;

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            count++;
            if (firstBrokenAt != null) {
                return;
            }
            AuditEntry entry = new AuditEntry(
                    rs.getLong("seq"),
                    rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                    new AuditRecord(AuditAction.valueOf(rs.getString("action")), rs.getString("actor"),
                            rs.getString("correlation_id"), rs.getString("partner_id"), rs.getString("hub_message_id"),
                            rs.getString("event_id"), rs.getString("hub_child_id"), rs.getString("detail")),
                    rs.getString("prev_hash"),
                    rs.getString("entry_hash"));
            if (entry.seq() != lastSeq + 1) {
                firstBrokenAt = lastSeq + 1;
            } else if (!entry.prevHash().equals(lastHash) || !entry.hashMatches()) {
                firstBrokenAt = entry.seq();
            }
            lastSeq = entry.seq();
            lastHash = entry.entryHash();
        }
    }
}
