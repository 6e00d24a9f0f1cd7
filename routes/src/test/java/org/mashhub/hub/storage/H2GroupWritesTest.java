package org.mashhub.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a killed hub finds in its H2 file: every commit made through {@link H2GroupWrites}, transactional or in
 * auto-commit mode, while H2 itself would have kept them in memory for a minute ({@code WRITE_DELAY=60000}). The file
 * is copied while the database is open, as a SIGKILL leaves it, and the copy is opened as the next start would.
 */
class H2GroupWritesTest {

    @TempDir
    Path dir;
    private HikariDataSource pool;
    private H2GroupWrites groupWrites;
    private JdbcTemplate jdbc;

    @BeforeEach
    void open() {
        pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:h2:file:" + dir.resolve("db/hub") + ";WRITE_DELAY=60000;DB_CLOSE_ON_EXIT=FALSE");
        pool.setUsername("sa");
        groupWrites = new H2GroupWrites(pool);
        jdbc = new JdbcTemplate(groupWrites);
        jdbc.execute("create table note (id int primary key, said varchar(40))");
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void aCommitIsInTheFileWhenItReturnsAndH2WouldStillHoldItInMemory() throws Exception {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(groupWrites));
        tx.executeWithoutResult(status -> jdbc.update("insert into note values (1, 'in a transaction')"));
        jdbc.update("insert into note values (2, 'in auto-commit mode')");
        jdbc.batchUpdate("insert into note values (?, 'in a batch')", List.of(new Object[] {3}, new Object[] {4}));
        // The same insert straight through H2 is not written yet: without the group writes it would be lost.
        new JdbcTemplate(pool).update("insert into note values (5, 'not waited for')");

        assertThat(rowsInACopyOfTheFile()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void commitsThatEndTogetherShareWritesAndReadsWriteNothing() throws Exception {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(groupWrites));
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            work.add(writers.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    int id = 100 + thread * 25 + i;
                    tx.executeWithoutResult(status -> jdbc.update("insert into note values (?, 'concurrent')", id));
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        writers.shutdown();
        assertThat(groupWrites.commits()).isEqualTo(1 + 200); // the create table, then each insert
        assertThat(groupWrites.stores()).isLessThan(groupWrites.commits());
        assertThat(rowsInACopyOfTheFile()).hasSize(200);

        long stores = groupWrites.stores();
        long commits = groupWrites.commits();
        tx.setReadOnly(true);
        tx.executeWithoutResult(status -> jdbc.queryForObject("select count(*) from note", Integer.class));
        assertThat(groupWrites.commits()).isEqualTo(commits);
        assertThat(groupWrites.stores()).isEqualTo(stores);
    }

    private List<Integer> rowsInACopyOfTheFile() throws Exception {
        Path copy = dir.resolve("copy");
        Files.createDirectories(copy);
        Files.copy(dir.resolve("db/hub.mv.db"), copy.resolve("hub.mv.db"));
        try (HikariDataSource reopened = new HikariDataSource()) {
            reopened.setJdbcUrl("jdbc:h2:file:" + copy.resolve("hub"));
            reopened.setUsername("sa");
            return new JdbcTemplate(reopened).queryForList("select id from note order by id", Integer.class);
        }
    }
}
