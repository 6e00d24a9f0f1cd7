package org.mashhub.hub.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links committed audit entries into the chain, many per transaction (group commit of the audit), each entry's hash
 * keyed with the audit's secret ({@link AuditSeal}), and after each transaction checkpoints the head outside the
 * database ({@link AuditCheckpoints}).
 *
 * <p>Under the lock of the chain's head row it takes the oldest pending entries in the order they were written,
 * hashes each onto the one before, moves them into {@code audit_entry} and moves the head, in one transaction: an
 * entry is pending or chained, never both, never neither. Entries of one transaction keep their order, and an entry
 * written after another committed is chained after it. Several hubs on one database each run a chainer; the head
 * row takes them in turn. It runs a moment after entries commit, and every second for other hubs' entries.
 */
@Component
public class AuditChainer implements SmartLifecycle {

    /** Entries chained per transaction at most. */
    static final int BATCH = 2_000;
    /** After a cue, entries gather this long before they are chained: fewer, larger chaining transactions. */
    private static final long GATHER_MILLIS = 100;
    private static final Logger log = LoggerFactory.getLogger(AuditChainer.class);

    private final JdbcTemplate jdbc;
    private final AuditSeal seal;
    private final AuditCheckpoints checkpoints;
    private final TransactionTemplate transaction;
    /** Readers catching up and the chaining thread take turns here rather than at the database's row lock. */
    private final ReentrantLock chaining = new ReentrantLock();
    private final Semaphore cue = new Semaphore(0);
    private volatile Thread thread;
    /** Whether the last try failed: an outage is logged once as it starts and once as it ends, not every second. */
    private boolean failing;
    /** Whether the chain was found not to pass the last checkpoint (logged once). */
    private volatile boolean checkpointRefused;

    public AuditChainer(DataSource dataSource, AuditTrail trail, AuditSeal seal, AuditCheckpoints checkpoints) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.seal = seal;
        this.checkpoints = checkpoints;
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        trail.onEntriesCommitted(this::cue);
    }

    /**
     * Chains every entry committed so far, then checkpoints the head outside the database; returns how many it chained.
     * Readers of the audit call this first.
     */
    public int chainPending() {
        chaining.lock();
        try {
            int total = 0;
            Batch batch;
            do {
                batch = transaction.execute(status -> chainBatch());
                total += batch.chained();
                if (batch.chained() > 0 && passesLastCheckpoint()) {
                    checkpoints.record(batch.headSeq(), batch.headHash());
                }
            } while (batch.chained() == BATCH);
            return total;
        } finally {
            chaining.unlock();
        }
    }

    /**
     * Whether the chain still holds the entry last checkpointed, with the hash signed. If someone cut the chain's tail
     * and set the head back, the entries chained since would otherwise be signed as though nothing had happened: the
     * hub goes on chaining (nothing is lost) but signs no more, so verification keeps failing at the cut.
     */
    private boolean passesLastCheckpoint() {
        long seq = checkpoints.lastSeq();
        if (seq <= 0) {
            return true;
        }
        List<String> hash = jdbc.queryForList("select entry_hash from audit_entry where seq = ?", String.class, seq);
        boolean passes = hash.size() == 1 && hash.get(0).equals(checkpoints.lastHash());
        if (!passes && !checkpointRefused) {
            log.error("The audit chain no longer holds entry {} as checkpointed: it was cut or rewritten in the database. "
                    + "No further checkpoints are signed; GET /api/v1/audit/verify says where.", seq);
        }
        checkpointRefused = !passes;
        return passes;
    }

    /** What one chaining transaction did: how many entries, and the head it left. */
    private record Batch(int chained, long headSeq, String headHash) {
    }

    private Batch chainBatch() {
        var head = jdbc.queryForMap("select last_seq, last_hash from audit_chain_head where id = 1 for update");
        long seq = ((Number) head.get("last_seq")).longValue();
        String prevHash = (String) head.get("last_hash");
        List<Pending> pending = jdbc.query("""
                select id, recorded_at, action, actor, correlation_id, partner_id, hub_message_id, event_id, hub_child_id, detail
                from audit_pending order by id limit ?""", AuditChainer::pending, BATCH);
        if (pending.isEmpty()) {
            return new Batch(0, seq, prevHash);
        }
        List<AuditEntry> entries = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            seq++;
            String hash = seal.entryHash(seq, p.entry().recordedAt(), p.entry().record(), prevHash);
            entries.add(new AuditEntry(seq, p.entry().recordedAt(), p.entry().record(), prevHash, hash));
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
        // By id, one by one: a range could take an entry whose transaction committed after the select above.
        jdbc.batchUpdate("delete from audit_pending where id = ?", pending, pending.size(), (ps, p) -> ps.setLong(1, p.id()));
        jdbc.update("update audit_chain_head set last_seq = ?, last_hash = ? where id = 1", seq, prevHash);
        return new Batch(pending.size(), seq, prevHash);
    }

    private record Pending(long id, AuditEntry entry) {
    }

    private static Pending pending(ResultSet rs, int row) throws SQLException {
        AuditRecord record = new AuditRecord(AuditAction.valueOf(rs.getString("action")), rs.getString("actor"),
                rs.getString("correlation_id"), rs.getString("partner_id"), rs.getString("hub_message_id"),
                rs.getString("event_id"), rs.getString("hub_child_id"), rs.getString("detail"));
        return new Pending(rs.getLong("id"),
                new AuditEntry(0, rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), record, null, null));
    }

    private void cue() {
        if (cue.availablePermits() == 0) {
            cue.release();
        }
    }

    private void run() {
        while (thread == Thread.currentThread()) {
            try {
                if (cue.tryAcquire(1, TimeUnit.SECONDS)) {
                    TimeUnit.MILLISECONDS.sleep(GATHER_MILLIS);
                }
                cue.drainPermits();
                chainPending();
                if (failing) {
                    failing = false;
                    log.info("Audit chaining works again");
                }
            } catch (InterruptedException e) {
                return;
            } catch (DataAccessException | org.springframework.transaction.TransactionException e) {
                // The database is away: the entries wait, committed, in audit_pending.
                if (!failing) {
                    failing = true;
                    log.warn("Audit chaining failed, trying again every second: {}", e.getClass().getName());
                }
                try {
                    TimeUnit.SECONDS.sleep(1);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    @Override
    public void start() {
        var head = jdbc.queryForMap("select last_seq, last_hash from audit_chain_head where id = 1");
        checkpoints.start(((Number) head.get("last_seq")).longValue(), (String) head.get("last_hash"));
        Thread started = new Thread(this::run, "audit-chainer");
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    @Override
    public void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            cue.release(); // not an interrupt: one in the middle of H2's file I/O closes the database
            try {
                running.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            chainPending(); // what committed before the stop is chained before the database closes
        } catch (DataAccessException e) {
            log.warn("Audit entries left to chain at the next start: {}", e.getClass().getName());
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** Stops after the routes and the web server (which stop at higher phases), before the data source closes. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1_000;
    }
}
