package org.mashhub.hub.identity;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.mashhub.adapters.identity.NameFrequencies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How common each first given name and family name is among the index's children, for the matcher's
 * term-frequency adjustment. Counted from the index in the background at start-up and every quarter of an
 * hour (another hub instance's new children count from then), and kept up to date as this instance files
 * children. Until the first count, and while the index holds fewer than {@value #MIN_CHILDREN} children,
 * every name weighs the average.
 */
@Component
class IndexNameFrequencies implements NameFrequencies {

    private static final Logger log = LoggerFactory.getLogger(IndexNameFrequencies.class);
    /** Below this many children, shares say more about the index than about names: every name weighs the average. */
    static final long MIN_CHILDREN = 10_000;

    private final JdbcTemplate jdbc;
    private volatile Counts counts = null;

    IndexNameFrequencies(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(5000);
    }

    private record Counts(ConcurrentHashMap<String, Integer> given, ConcurrentHashMap<String, Integer> family, AtomicLong children) {
    }

    @Override
    public double givenShare(String normalisedGiven) {
        Counts current = counts;
        return current == null || current.children().get() < MIN_CHILDREN ? Double.NaN
                : (double) current.given().getOrDefault(normalisedGiven, 0) / current.children().get();
    }

    @Override
    public double familyShare(String normalisedFamily) {
        Counts current = counts;
        return current == null || current.children().get() < MIN_CHILDREN ? Double.NaN
                : (double) current.family().getOrDefault(normalisedFamily, 0) / current.children().get();
    }

    /** A child was filed: its names count from now. */
    void filed(List<String> givenNames, List<String> familyNames) {
        Counts current = counts;
        if (current != null) {
            current.children().incrementAndGet();
            if (!givenNames.isEmpty()) {
                current.given().merge(givenNames.get(0), 1, Integer::sum);
            }
            if (!familyNames.isEmpty()) {
                current.family().merge(familyNames.get(0), 1, Integer::sum);
            }
        }
    }

    @Scheduled(initialDelay = 0, fixedDelay = 15 * 60 * 1000)
    void recount() {
        Counts fresh = new Counts(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new AtomicLong());
        try {
            jdbc.query("select given_names, family_names from hub_child where merged_into is null", rs -> {
                fresh.children().incrementAndGet();
                String given = first(rs.getString(1));
                String family = first(rs.getString(2));
                if (given != null) {
                    fresh.given().merge(given, 1, Integer::sum);
                }
                if (family != null) {
                    fresh.family().merge(family, 1, Integer::sum);
                }
            });
            counts = fresh;
        } catch (RuntimeException e) {
            // The counts only refine weights: the matcher works without them.
            log.warn("Could not count the index's names: {}", e.getClass().getSimpleName());
        }
    }

    private static String first(String joined) {
        if (joined == null || joined.isEmpty()) {
            return null;
        }
        int bar = joined.indexOf('|');
        return bar < 0 ? joined : joined.substring(0, bar);
    }
}
