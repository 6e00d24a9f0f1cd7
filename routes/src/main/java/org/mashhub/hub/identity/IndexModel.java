package org.mashhub.hub.identity;

import jakarta.annotation.PreDestroy;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.mashhub.adapters.identity.ChildDescription;
import org.mashhub.adapters.identity.Field;
import org.mashhub.adapters.identity.Level;
import org.mashhub.adapters.identity.MatchWeights;
import org.mashhub.adapters.identity.ModelEstimation;
import org.mashhub.adapters.identity.TermCounts;
import org.mashhub.adapters.identity.TermFrequencies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The matcher's model as this hub's own index shows it: how common each first given name, family name and
 * postcode is among its children (term frequencies), and u (how often two different children agree at each
 * level) from random pairs of a sample of them, in place of the shipped u. Measured from the index in the
 * background at start-up, every quarter of an hour (another hub instance's new children count from then) and each
 * time the children counted double (a load of known children), and on an engineer's request; the counts follow the
 * children this instance files in between. m (how partners write a child down) and the thresholds come from the weights file. Until the
 * index holds {@value TermCounts#MIN_CHILDREN} children, names and postcodes weigh the average and u is the
 * shipped one.
 */
@Component
class IndexModel implements TermFrequencies {

    private static final Logger log = LoggerFactory.getLogger(IndexModel.class);
    /** Children sampled (reservoir) for u, and random pairs of them: enough for levels seen once in 10,000 pairs. */
    static final int SAMPLE = 20_000;
    static final int PAIRS = 200_000;

    private final JdbcTemplate jdbc;
    private final MatchWeights shipped;
    private volatile TermCounts counts = new TermCounts();
    private volatile MatchWeights weights;
    private final AtomicLong nextMeasureAt = new AtomicLong(TermCounts.MIN_CHILDREN);
    private final ExecutorService measurer = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "identity-model");
        thread.setDaemon(true);
        return thread;
    });

    IndexModel(DataSource dataSource, MatchWeights shipped) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(5000);
        this.shipped = shipped;
        this.weights = shipped;
    }

    /** The weights to score with: m and thresholds as shipped, u as this index shows it. */
    MatchWeights weights() {
        return weights;
    }

    @Override
    public double share(Field field, String value) {
        return counts.share(field, value);
    }

    @Override
    public long children() {
        return counts.children();
    }

    /** A child was filed: its names and postcodes count from now; once the children have doubled, u is measured again. */
    void filed(ChildDescription child) {
        TermCounts current = counts;
        current.add(child);
        long due = nextMeasureAt.get();
        if (current.children() >= due && nextMeasureAt.compareAndSet(due, 2 * current.children())) {
            try {
                measurer.execute(this::measure);
            } catch (RejectedExecutionException stopping) {
                // the hub is stopping
            }
        }
    }

    @PreDestroy
    void stop() {
        measurer.shutdownNow();
    }

    /** Measures the index again (counts, a sample, u). Reads every child once; about a second per 100,000. */
    @Scheduled(initialDelay = 0, fixedDelay = 15 * 60 * 1000)
    synchronized void measure() {
        try {
            TermCounts fresh = new TermCounts();
            List<ChildDescription> sample = new ArrayList<>(SAMPLE);
            Random random = new Random(42);
            long[] seen = {0};
            jdbc.query("select given_names, family_names, birth_date, sex, postcodes from hub_child where merged_into is null", rs -> {
                Date born = rs.getDate(3);
                ChildDescription child = new ChildDescription(split(rs.getString(1)), split(rs.getString(2)),
                        born == null ? null : born.toLocalDate(), rs.getString(4), new LinkedHashSet<>(split(rs.getString(5))),
                        java.util.Set.of(), java.util.Set.of());
                fresh.add(child);
                long n = ++seen[0];
                if (sample.size() < SAMPLE) {
                    sample.add(child);
                } else {
                    long slot = (long) (random.nextDouble() * n);
                    if (slot < SAMPLE) {
                        sample.set((int) slot, child);
                    }
                }
            });
            counts = fresh;
            if (fresh.children() >= TermCounts.MIN_CHILDREN) {
                Map<Field, Map<Level, Double>> measured = ModelEstimation.unmatched(sample, PAIRS, random);
                // Identifiers are compared only where both sides have one; the sample has none to compare.
                measured.remove(Field.NHS_NUMBER);
                measured.remove(Field.UPN);
                weights = shipped.withUnmatched(measured);
            } else {
                weights = shipped;
            }
            log.info("Identity model measured on {} children of the index", fresh.children());
        } catch (RuntimeException e) {
            // The measurement only refines weights: the matcher works with the shipped ones.
            log.warn("Could not measure the child index: {}", e.getClass().getSimpleName());
        }
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split("\\|"));
    }
}
