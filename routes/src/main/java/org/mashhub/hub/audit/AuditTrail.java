package org.mashhub.hub.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends entries to the hash chain.
 *
 * <p>A transaction's entries are written as its last work before it commits, under a lock on the chain's head
 * row held until the commit, so entries are chained in commit order, on H2 and PostgreSQL alike; an entry exists
 * only if the work it records committed with it.
 */
@Component
public class AuditTrail {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    /** Told of every record once it is committed: the hub's step counters are the audit's, never ahead of it. */
    private volatile java.util.function.Consumer<AuditRecord> committed = record -> { };

    /**
     * One writer of this hub at a time reaches for the head row, the others wait here, parked. Left to the database,
     * H2 makes every waiting transaction spin on the row lock, and on two cores the spinning starved the very
     * transaction that held it (most of the CPU went to lock checks). Other hub instances still meet at the row.
     */
    private final java.util.concurrent.locks.ReentrantLock writer = new java.util.concurrent.locks.ReentrantLock(true);

    public AuditTrail(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void onCommitted(java.util.function.Consumer<AuditRecord> observer) {
        this.committed = observer;
    }

    /**
     * Appends within the caller's transaction (or a new one when there is none). The entries are written just before
     * that transaction commits: the chain's head row is locked only for the insert and the commit, never while the
     * caller does its work (holding it from the first append serialised every message through the hub).
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void append(List<AuditRecord> records) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            writer.lock();
            try {
                write(records);
            } finally {
                writer.unlock();
            }
            records.forEach(committed);
            return;
        }
        @SuppressWarnings("unchecked")
        List<AuditRecord> pending = (List<AuditRecord>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            List<AuditRecord> buffer = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, buffer);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                private boolean holding;

                @Override
                public int getOrder() {
                    return Ordered.LOWEST_PRECEDENCE; // after every other piece of work of the transaction
                }

                @Override
                public void beforeCommit(boolean readOnly) {
                    writer.lock(); // until the commit is done: entries are chained in commit order
                    holding = true;
                    write(buffer);
                }

                @Override
                public void afterCommit() {
                    buffer.forEach(committed);
                }

                @Override
                public void afterCompletion(int status) {
                    if (holding) {
                        holding = false;
                        writer.unlock();
                    }
                    TransactionSynchronizationManager.unbindResourceIfPossible(AuditTrail.this);
                }
            });
            pending = buffer;
        }
        pending.addAll(records);
    }

    /** Locks the head, writes the entries chained from it, moves the head. */
    private void write(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
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
    }

    @Transactional(propagation = Propagation.REQUIRED)
    public void append(AuditRecord record) {
        append(List.of(record));
    }

    /** For a failure that must be recorded even though the work around it rolls back. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void appendIndependently(AuditRecord record) {
        append(List.of(record));
    }
}
