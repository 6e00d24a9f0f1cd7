package org.mashhub.hub.audit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records what happened, in the transaction of the work it records: an entry exists only if that work committed.
 *
 * <p>Entries are written unchained ({@code audit_pending}), so transactions never queue for the chain's head row;
 * the {@link AuditChainer} links committed entries into the hash chain in batches, moments later. Readers of the
 * audit ask the chainer to catch up first ({@link AuditChainer#chainPending()}).
 */
@Component
public class AuditTrail {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    /** Told of every record once it is committed: the hub's step counters are the audit's, never ahead of it. */
    private volatile Consumer<AuditRecord> committed = record -> { };
    /** Told once a transaction with entries has committed: the chainer's cue. */
    private volatile Runnable entriesCommitted = () -> { };

    public AuditTrail(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void onCommitted(Consumer<AuditRecord> observer) {
        this.committed = observer;
    }

    void onEntriesCommitted(Runnable cue) {
        this.entriesCommitted = cue;
    }

    /** Appends within the caller's transaction (or a new one when there is none). */
    @Transactional(propagation = Propagation.REQUIRED)
    public void append(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        // Microseconds: what both databases store, so the hash verifies after a round trip.
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        jdbc.batchUpdate("""
                insert into audit_pending (recorded_at, action, actor, correlation_id, partner_id, hub_message_id,
                                           event_id, hub_child_id, detail)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", records, records.size(), (ps, r) -> {
            ps.setObject(1, now);
            ps.setString(2, r.action().name());
            ps.setString(3, r.actor());
            ps.setString(4, r.correlationId());
            ps.setString(5, r.partnerId());
            ps.setString(6, r.hubMessageId());
            ps.setString(7, r.eventId());
            ps.setString(8, r.hubChildId());
            ps.setString(9, r.detail());
        });
        if (!TransactionSynchronizationManager.isSynchronizationActive()) { // called without Spring's proxy, auto-commit
            records.forEach(committed);
            entriesCommitted.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                records.forEach(committed);
                entriesCommitted.run();
            }
        });
    }

    @Transactional(propagation = Propagation.REQUIRED)
    public void append(AuditRecord record) {
        append(List.of(record));
    }

    /**
     * A member of staff was shown children's details (a search, a match, a list): one {@code VIEWED} entry for each
     * child shown, so an auditor asking who saw a child finds it, or one without a child when none was shown.
     *
     * @param what what was read and by which criteria, as field names and counts, never the values
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void childrenShown(String actor, String correlationId, String what, java.util.Collection<String> hubChildIds) {
        List<String> children = hubChildIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
        AuditRecord entry = AuditRecord.of(AuditAction.VIEWED).actor(actor).correlationId(correlationId)
                .detail(what + " shown=" + children.size());
        append(children.isEmpty() ? List.of(entry) : children.stream().map(entry::hubChildId).toList());
    }

    /** For a failure that must be recorded even though the work around it rolls back. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void appendIndependently(AuditRecord record) {
        append(List.of(record));
    }
}
