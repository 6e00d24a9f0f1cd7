package org.mashhub.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mashhub.hub.testsupport.TestDatabases;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The migrations and the audit chain on both databases the hub runs on: H2 (the embedded default) and
 * PostgreSQL (production). Concurrent appenders, chained in batches by two hubs' chainers while they append, must
 * still make one unbroken chain, every entry once, that keeps each appender's order, and each kind of tampering must be
 * found where it was done.
 */
class AuditChainDatabaseIT {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void concurrentAppendsMakeOneChainAndEveryTamperingIsFound(String database) throws Exception {
        DataSource dataSource = dataSource(database);
        Flyway.configure().dataSource(dataSource).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        AuditTrail trail = new AuditTrail(jdbc, Clock.fixed(Instant.parse("2026-11-22T10:15:30.123456789Z"), ZoneOffset.UTC));
        AuditCheckpoints checkpoints = new AuditCheckpoints(dir.resolve("checkpoints.log"), SEAL, Clock.systemUTC());
        AuditChainer chainer = started(new AuditChainer(dataSource, trail, SEAL, checkpoints));
        AuditChainVerifier verifier = new AuditChainVerifier(dataSource, SEAL, checkpoints);

        ExecutorService appenders = Executors.newFixedThreadPool(5);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            work.add(appenders.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    int n = i;
                    tx.executeWithoutResult(status -> trail.append(List.of(
                            AuditRecord.of(AuditAction.RECEIVED).partnerId("p" + thread).detail("n=" + n),
                            AuditRecord.of(AuditAction.PUBLISHED).partnerId("p" + thread).detail("n=" + n)
                                    .eventId(UUID.randomUUID().toString()))));
                }
            }));
        }
        // A second hub's chainer on the same database, chaining at the same time: they take turns at the head row.
        AuditChainer otherHub = started(new AuditChainer(dataSource, trail, SEAL,
                new AuditCheckpoints(dir.resolve("other-hub-checkpoints.log"), SEAL, Clock.systemUTC())));
        Future<?> otherHubChaining = appenders.submit(() -> {
            while (work.stream().anyMatch(f -> !f.isDone())) {
                otherHub.chainPending();
            }
            return null;
        });
        // Chaining and verifying while others append never reports the chain broken.
        List<AuditChainVerifier.Verification> duringAppends = new ArrayList<>();
        while (work.stream().anyMatch(f -> !f.isDone())) {
            chainer.chainPending();
            duringAppends.add(verifier.verify());
        }
        otherHubChaining.get();
        for (Future<?> f : work) {
            f.get();
        }
        appenders.shutdown();
        assertThat(duringAppends).allMatch(AuditChainVerifier.Verification::valid);

        chainer.chainPending();
        // (this hub's checkpoint: the other hub may have chained the last entries, and signed them in its own file)
        assertThat(verifier.verify()).satisfies(v -> assertThat(v.valid()).isTrue(), v -> assertThat(v.entries()).isEqualTo(200));
        assertThat(jdbc.queryForObject("select count(*) from audit_pending", Integer.class)).isZero();
        // Each appender's entries in the order it wrote them: its transactions one after another, and within one, as given.
        for (int t = 0; t < 4; t++) {
            List<String> expected = new ArrayList<>();
            for (int n = 0; n < 25; n++) {
                expected.add("RECEIVED n=" + n);
                expected.add("PUBLISHED n=" + n);
            }
            assertThat(jdbc.queryForList("select action || ' ' || detail from audit_entry where partner_id = ? order by seq",
                    String.class, "p" + t)).containsExactlyElementsOf(expected);
        }

        // An edited field is found at the edited entry; put back, the chain is whole again.
        String original = jdbc.queryForObject("select partner_id from audit_entry where seq = 50", String.class);
        jdbc.update("update audit_entry set partner_id = 'someone-else' where seq = 50");
        assertThat(verifier.verify().firstBrokenAt()).isEqualTo(50L);
        jdbc.update("update audit_entry set partner_id = ? where seq = 50", original);
        assertThat(verifier.verify().valid()).isTrue();

        // Rewriting an entry with a fresh hash does not help: the next entry no longer points at it.
        jdbc.update("update audit_entry set entry_hash = ? where seq = 80", "f".repeat(64));
        assertThat(verifier.verify().firstBrokenAt()).isEqualTo(80L);
        jdbc.update("update audit_entry set entry_hash = (select prev_hash from audit_entry where seq = 81) where seq = 80");
        assertThat(verifier.verify().valid()).isTrue();

        // A deleted entry is found where the sequence skips.
        jdbc.update("delete from audit_entry where seq = 120");
        assertThat(verifier.verify().firstBrokenAt()).isEqualTo(120L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anEntryEditedAndTheChainRecomputedWithoutTheKeyIsFound(String database) {
        Hub hub = hub(database);
        JdbcTemplate jdbc = hub.jdbc();
        for (int i = 0; i < 10; i++) {
            hub.trail().append(AuditRecord.of(AuditAction.VIEWED).actor("practitioner").hubChildId("child-" + i));
        }
        hub.chainer().chainPending();

        // Someone with the database's password hides that child-4 was looked at: the entry is edited, and every hash
        // from it on recomputed, as SHA-256 (how the chain was made before it had a key) and under a guessed key, the
        // head moved to match.
        for (AuditSeal guess : new AuditSeal[] {null, new AuditSeal("a-key-that-is-not-the-hub-s-own-key-0123")}) {
            jdbc.update("update audit_entry set hub_child_id = 'child-x' where hub_child_id = 'child-4'");
            String prev = AuditEntry.GENESIS_HASH;
            for (var row : jdbc.queryForList("select * from audit_entry order by seq")) {
                AuditRecord r = new AuditRecord(AuditAction.valueOf((String) row.get("action")), (String) row.get("actor"),
                        (String) row.get("correlation_id"), (String) row.get("partner_id"), (String) row.get("hub_message_id"),
                        (String) row.get("event_id"), (String) row.get("hub_child_id"), (String) row.get("detail"));
                long seq = ((Number) row.get("seq")).longValue();
                Instant at = jdbc.queryForObject("select recorded_at from audit_entry where seq = ?", java.time.OffsetDateTime.class, seq)
                        .toInstant();
                String hash = guess == null ? AuditEntry.hash(seq, at, r, prev) : guess.entryHash(seq, at, r, prev);
                jdbc.update("update audit_entry set prev_hash = ?, entry_hash = ? where seq = ?", prev, hash, seq);
                prev = hash;
            }
            jdbc.update("update audit_chain_head set last_hash = ? where id = 1", prev);

            AuditChainVerifier.Verification verification = new AuditChainVerifier(hub.dataSource(), SEAL, hub.checkpoints()).verify();
            assertThat(verification.valid()).isFalse();
            assertThat(verification.firstBrokenAt()).isEqualTo(1L); // the first entry recomputed
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aCutTailIsFoundAndNotSignedOverByLaterEntries(String database) {
        Hub hub = hub(database);
        JdbcTemplate jdbc = hub.jdbc();
        for (int i = 0; i < 10; i++) {
            hub.trail().append(AuditRecord.of(AuditAction.VIEWED).actor("practitioner").hubChildId("child-" + i));
            hub.chainer().chainPending();
        }
        AuditChainVerifier verifier = new AuditChainVerifier(hub.dataSource(), SEAL, hub.checkpoints());
        assertThat(verifier.verify().valid()).isTrue();

        // The last three entries deleted and the head set back to the seventh: the chain itself is consistent.
        jdbc.update("delete from audit_entry where seq > 7");
        jdbc.update("update audit_chain_head set last_seq = 7, last_hash = (select entry_hash from audit_entry where seq = 7) where id = 1");
        AuditChainVerifier.Verification cut = verifier.verify();
        assertThat(cut.valid()).isFalse();
        assertThat(cut.firstBrokenAt()).isEqualTo(8L);
        assertThat(cut.problem()).contains("removed from the end");

        // The hub chains on over the cut: the new entries are not signed as though the chain were whole.
        for (int i = 0; i < 5; i++) {
            hub.trail().append(AuditRecord.of(AuditAction.VIEWED).actor("practitioner").hubChildId("later-" + i));
        }
        hub.chainer().chainPending();
        assertThat(hub.checkpoints().lastSeq()).isEqualTo(10L);
        AuditChainVerifier.Verification after = verifier.verify();
        assertThat(after.valid()).isFalse();
        assertThat(after.firstBrokenAt()).isEqualTo(10L);
    }

    @org.junit.jupiter.api.Test
    void aCheckpointFileSignedWithAnotherKeyOrEditedIsNotTrusted() throws Exception {
        Path file = dir.resolve("checkpoints.log");
        AuditCheckpoints checkpoints = new AuditCheckpoints(file, SEAL, Clock.systemUTC());
        checkpoints.start(0, AuditEntry.GENESIS_HASH);
        checkpoints.record(5, "a".repeat(64));
        assertThat(checkpoints.latest().checkpoint()).map(AuditCheckpoints.Checkpoint::seq).hasValue(5L);

        Files.writeString(file, Files.readString(file).replace("seq=5 ", "seq=9 "));
        assertThat(checkpoints.latest().problem()).contains("signature does not match");
        assertThat(new AuditCheckpoints(file, new AuditSeal("another-key-another-key-another-key-0123"), Clock.systemUTC())
                .latest().checkpoint()).isEmpty();
    }

    static final AuditSeal SEAL = new AuditSeal("audit-chain-database-it-key-0123456789");

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    /** A migrated database and a hub's audit on it, its checkpoints in this test's folder. */
    record Hub(DataSource dataSource, JdbcTemplate jdbc, AuditTrail trail, AuditCheckpoints checkpoints, AuditChainer chainer) {
    }

    private Hub hub(String database) {
        DataSource dataSource = dataSource(database);
        Flyway.configure().dataSource(dataSource).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        AuditTrail trail = new AuditTrail(jdbc, Clock.systemUTC());
        AuditCheckpoints checkpoints = new AuditCheckpoints(dir.resolve("checkpoints.log"), SEAL, Clock.systemUTC());
        return new Hub(dataSource, jdbc, trail, checkpoints, started(new AuditChainer(dataSource, trail, SEAL, checkpoints)));
    }

    private static AuditChainer started(AuditChainer chainer) {
        chainer.start();
        chainer.stop();
        return chainer;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void entriesRemovedFromTheEndAreFound(String database) {
        DataSource dataSource = dataSource(database);
        Flyway.configure().dataSource(dataSource).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        AuditTrail trail = new AuditTrail(jdbc, Clock.systemUTC());
        for (int i = 0; i < 5; i++) {
            trail.append(AuditRecord.of(AuditAction.DELIVERED).eventId("e" + i));
        }
        AuditCheckpoints checkpoints = new AuditCheckpoints(dir.resolve("checkpoints.log"), SEAL, Clock.systemUTC());
        started(new AuditChainer(dataSource, trail, SEAL, checkpoints)).chainPending();

        jdbc.update("delete from audit_entry where seq >= 4");

        assertThat(new AuditChainVerifier(dataSource, SEAL, checkpoints).verify().firstBrokenAt()).isEqualTo(4L);
    }

    private static DataSource dataSource(String database) {
        if (database.equals("h2")) {
            // The same settings as the hub's default H2 URL, in memory.
            return new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
                    + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
        }
        return new DriverManagerDataSource(TestDatabases.freshPostgresSchemaUrl(), TestDatabases.user(), TestDatabases.password());
    }
}
