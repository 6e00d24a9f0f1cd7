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
 * Walks the audit chain from the first entry and checks it against the latest signed checkpoint. It reports the first
 * entry that does not fit: one whose hash is not the keyed hash of its fields (edited, or chained again by someone
 * without the key), whose previous hash is not its predecessor's (edited predecessor, or one inserted), or whose
 * sequence skips (one deleted); a chain that stops before the checkpoint or does not end there in the hash it signed
 * (entries removed from the end, or rewritten before it); and a head that does not point at the last entry.
 */
@Component
public class AuditChainVerifier {

    private final JdbcTemplate jdbc;
    private final AuditSeal seal;
    private final AuditCheckpoints checkpoints;

    public AuditChainVerifier(DataSource dataSource, AuditSeal seal, AuditCheckpoints checkpoints) {
        // Its own template: the chain is streamed in pages rather than read into memory at once.
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1000);
        this.seal = seal;
        this.checkpoints = checkpoints;
    }

    /**
     * @param firstBrokenAt the first entry that does not fit, if any
     * @param problem       what is wrong, in words; null when valid
     * @param checkpoint    the sequence number of the checkpoint the chain was checked against
     */
    public record Verification(boolean valid, long entries, Long firstBrokenAt, String problem, Long checkpoint) {
    }

    @Transactional(readOnly = true)
    public Verification verify() {
        // The checkpoint first, then the head, then the entries up to it: what is chained meanwhile is after all three
        // (reading the head last took a busy hub's fresh appends for a broken chain).
        AuditCheckpoints.Latest latest = checkpoints.latest();
        if (latest.checkpoint().isEmpty()) {
            return new Verification(false, 0, null, latest.problem() == null ? "there is no checkpoint to verify against"
                    : latest.problem(), null);
        }
        AuditCheckpoints.Checkpoint checkpoint = latest.checkpoint().get();
        Map<String, Object> head = jdbc.queryForMap("select last_seq, last_hash from audit_chain_head where id = 1");
        long headSeq = ((Number) head.get("last_seq")).longValue();
        Walk walk = new Walk(checkpoint);
        jdbc.query("""
                select seq, recorded_at, action, actor, correlation_id, partner_id, hub_message_id, event_id,
                       hub_child_id, detail, prev_hash, entry_hash
                from audit_entry where seq <= ? order by seq""", walk, Math.max(headSeq, checkpoint.seq()));
        if (walk.firstBrokenAt == null && walk.lastSeq < checkpoint.seq()) {
            walk.broken(walk.lastSeq + 1, "the chain ends at " + walk.lastSeq + " but was checkpointed at " + checkpoint.seq()
                    + " on " + checkpoint.at() + ": entries were removed from the end");
        }
        if (walk.firstBrokenAt == null && checkpoint.seq() > 0 && !checkpoint.hash().equals(walk.hashAtCheckpoint)) {
            walk.broken(checkpoint.seq(), "the chain does not reach the checkpoint of " + checkpoint.at()
                    + " in the hash it signed: an entry at or before " + checkpoint.seq() + " was changed");
        }
        if (walk.firstBrokenAt == null && (headSeq != walk.lastSeq || !walk.lastHash.equals(head.get("last_hash")))) {
            walk.broken(Math.min(headSeq, walk.lastSeq) + 1, "the head does not point at the last entry");
        }
        return new Verification(walk.firstBrokenAt == null, walk.count, walk.firstBrokenAt, walk.problem, checkpoint.seq());
    }

    private final class Walk implements RowCallbackHandler {
        final AuditCheckpoints.Checkpoint checkpoint;
        long count;
        long lastSeq;
        String lastHash = AuditEntry.GENESIS_HASH;
        String hashAtCheckpoint = AuditEntry.GENESIS_HASH;
        Long firstBrokenAt;
        String problem;

        Walk(AuditCheckpoints.Checkpoint checkpoint) {
            this.checkpoint = checkpoint;
        }

        void broken(long seq, String why) {
            firstBrokenAt = seq;
            problem = why;
        }

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
                broken(lastSeq + 1, "entry " + (lastSeq + 1) + " is missing");
            } else if (!entry.prevHash().equals(lastHash)) {
                broken(entry.seq(), "entry " + entry.seq() + " does not point at the entry before it");
            } else if (!seal.sealed(entry) && !(entry.seq() < checkpoint.keyedFrom() && entry.hashMatches())) {
                broken(entry.seq(), "entry " + entry.seq() + " does not match its hash: its fields were changed");
            }
            lastSeq = entry.seq();
            lastHash = entry.entryHash();
            if (entry.seq() == checkpoint.seq()) {
                hashAtCheckpoint = entry.entryHash();
            }
        }
    }
}
