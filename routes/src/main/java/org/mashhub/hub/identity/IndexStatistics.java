package org.mashhub.hub.identity;

import jakarta.annotation.PreDestroy;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The database's statistics of the child index's tables, kept in step with their growth.
 *
 * <p>Without statistics PostgreSQL's planner guesses that a lookup of a dozen blocking keys matches a twentieth of
 * {@code child_block_key} and reads the whole table instead of its index, more of it with every child filed. Where
 * autovacuum is on it analyzes the tables as they change; where it is off (as on this project's CI and bench machine)
 * nothing did, and 32 partners on PostgreSQL fell from 189 to 118 events/s once the index held 25,000 children. So the
 * hub analyzes them itself each time the children it has filed since it started double, from the first fifty (a planner that thinks the tables empty joins them by scanning one for each row of the other, which
 * at a few hundred children took all of PostgreSQL's CPU): a
 * handful of times in the life of an index, on a thread of its own, so that no acceptance waits for it or holds its lock.
 */
@Component
class IndexStatistics {

    private static final Logger log = LoggerFactory.getLogger(IndexStatistics.class);

    private final JdbcTemplate jdbc;
    private final AtomicLong filed = new AtomicLong();
    private final AtomicLong nextRefreshAt;
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "identity-statistics");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Boolean postgres;

    IndexStatistics(JdbcTemplate jdbc, IdentityProperties properties) {
        this.jdbc = jdbc;
        this.nextRefreshAt = new AtomicLong(properties.statisticsFrom());
    }

    /** Counts children newly filed; once they have doubled since the last refresh, refreshes in the background. */
    void filed(int children) {
        long now = filed.addAndGet(children);
        long due = nextRefreshAt.get();
        if (now >= due && nextRefreshAt.compareAndSet(due, 2 * now) && isPostgres()) {
            try {
                refresher.execute(this::refreshQuietly);
            } catch (RejectedExecutionException stopping) {
                // the hub is stopping; the next start counts again
            }
        }
    }

    /**
     * Brings the statistics of the index tables up to date now, after a bulk load: a planner that still thinks them
     * empty scans them instead of using their indexes.
     */
    void refresh() {
        jdbc.execute(isPostgres() ? "analyze hub_child, child_identifier, child_block_key" : "analyze");
    }

    private void refreshQuietly() {
        try {
            refresh();
            log.info("Statistics of the child index refreshed after {} children filed", filed.get());
        } catch (DataAccessException e) {
            log.warn("Refreshing the statistics of the child index failed: {}", e.getMessage());
        }
    }

    private boolean isPostgres() {
        if (postgres == null) {
            postgres = Boolean.TRUE.equals(jdbc.execute((java.sql.Connection c) ->
                    c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")));
        }
        return postgres;
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }
}
