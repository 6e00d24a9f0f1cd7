package org.mashhub.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

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
        AuditChainer chainer = new AuditChainer(dataSource, trail);
        AuditChainVerifier verifier = new AuditChainVerifier(dataSource);

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
        AuditChainer otherHub = new AuditChainer(dataSource, trail);
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
        assertThat(verifier.verify()).isEqualTo(new AuditChainVerifier.Verification(true, 200, null));
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
    void entriesRemovedFromTheEndAreFound(String database) {
        DataSource dataSource = dataSource(database);
        Flyway.configure().dataSource(dataSource).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        AuditTrail trail = new AuditTrail(jdbc, Clock.systemUTC());
        for (int i = 0; i < 5; i++) {
            trail.append(AuditRecord.of(AuditAction.DELIVERED).eventId("e" + i));
        }
        new AuditChainer(dataSource, trail).chainPending();

        jdbc.update("delete from audit_entry where seq >= 4");

        assertThat(new AuditChainVerifier(dataSource).verify()).isEqualTo(new AuditChainVerifier.Verification(false, 3, 4L));
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
