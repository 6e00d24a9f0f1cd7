package org.mashhub.hub.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends entries to the hash chain.
 *
 * <p>Appending locks the chain's head row until the caller's transaction ends, so entries are chained
 * one at a time in commit order, on H2 and PostgreSQL alike; an entry exists only if the work it records
 * committed with it.
 */
@Component
public class AuditTrail {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AuditTrail(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Appends within the caller's transaction (or a new one when there is none). */
    @Transactional(propagation = Propagation.REQUIRED)
    public List<AuditEntry> append(List<AuditRecord> records) {
        var head = jdbc.queryForMap("select last_seq, last_hash from audit_chain_head where id = 1 for update");
        long seq = ((Number) head.get("last_seq")).longValue();
        String prevHash = (String) head.get("last_hash");
        // Microseconds: what both databases store, so the hash verifies after a round trip.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var entries = new ArrayList<AuditEntry>(records.size());
        for (AuditRecord r : records) {
            seq++;
            String hash = AuditEntry.hash(seq, now, r, prevHash);
            entries.add(new AuditEntry(seq, now, r, prevHash, hash));
            prevHash = hash;
        }
        jdbc.batchUpdate("""
                insert into audit_entry (seq, recorded_at, action, actor, correlation_id, partner_id, hub_message_id,
                                         event_id, hub_child_id, detail, prev_hash, entry_hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", entries, entries.size(), (ps, e) -> {
            ps.setLong(1, e.seq());
            ps.setObject(2, OffsetDateTime.ofInstant(e.recordedAt(), ZoneOffset.UTC));
            ps.setString(3, e.record().action().name());
            ps.setString(4, e.record().actor());
            ps.setString(5, e.record().correlationId());
            ps.setString(6, e.record().partnerId());
            ps.setString(7, e.record().hubMessageId());
            ps.setString(8, e.record().eventId());
            ps.setString(9, e.record().hubChildId());
            ps.setString(10, e.record().detail());
            ps.setString(11, e.prevHash());
            ps.setString(12, e.entryHash());
        });
        jdbc.update("update audit_chain_head set last_seq = ?, last_hash = ? where id = 1", seq, prevHash);
        return entries;
    }

    @Transactional(propagation = Propagation.REQUIRED)
    public AuditEntry append(AuditRecord record) {
        return append(List.of(record)).get(0);
    }

    /** For a failure that must be recorded even though the work around it rolls back. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public AuditEntry appendIndependently(AuditRecord record) {
        return append(List.of(record)).get(0);
    }
}
