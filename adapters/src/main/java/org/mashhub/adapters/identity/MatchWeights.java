package org.mashhub.adapters.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The Fellegi–Sunter model: for each field and level, m (how often a true match shows it) and u (how often
 * two different children do), whose log2 ratio is the level's weight; the prior (the share of partner records
 * about a child the index knows); and the thresholds, as probabilities that a candidate is the child. Read from
 * a properties file ({@code identity/weights.properties} on the classpath by default) as the estimator in
 * {@code bench/} writes it: m by expectation–maximisation over unlabelled candidate pairs, u from random pairs
 * of known children. The hub replaces u with what its own index shows ({@link #withUnmatched}).
 *
 * <pre>
 * threshold.match=0.999        a candidate this likely to be the child (and allowed by the rules): MATCH
 * threshold.review=0.05        this likely: REVIEW
 * threshold.identifier-disagreement=…   an identifier match whose other fields weigh below this goes to REVIEW
 * prior.known=0.8              the share of partner records about a child the index knows
 * prior.population-floor=10000 the least number of children the prior spreads over (a small index is not a small county)
 * term-frequency.floor=…       the least share a name or postcode counts as (see {@link #exactWeight})
 * GIVEN_NAME.EXACT.m=… / .u=…  for every field and level
 * </pre>
 */
public record MatchWeights(Map<Field, Map<Level, Double>> m, Map<Field, Map<Level, Double>> u, double matchThreshold,
                           double reviewThreshold, double identifierDisagreement, double priorKnown, long populationFloor,
                           double termFrequencyFloor) {

    public static final String DEFAULT_LOCATION = "/identity/weights.properties";

    public MatchWeights {
        m = copy(m);
        u = copy(u);
    }

    /** log2(m / u) of a level; 0 for UNKNOWN (a side does not have the field). */
    public double weight(Field field, Level level) {
        if (level == Level.UNKNOWN) {
            return 0;
        }
        Double mp = m.getOrDefault(field, Map.of()).get(level);
        Double up = u.getOrDefault(field, Map.of()).get(level);
        if (mp == null || up == null) {
            throw new IllegalStateException("no weight for " + field + " " + level);
        }
        return log2(mp / up);
    }

    /**
     * The weight of exact agreement on a value, adjusted for how common it is (Splink's term-frequency
     * adjustment): u is the value's share of the index's children rather than the average, so "Oliver Smith"
     * agreeing says less than "Barnaby Ashworth", and a postcode shared by a block of flats less than a farm's.
     * The share is floored, so one unique value cannot outweigh everything else.
     *
     * @param share the value's share of the children in the index; NaN when unknown (the average weight)
     */
    public double exactWeight(Field field, double share) {
        if (Double.isNaN(share) || !field.termFrequencyAdjusted()) {
            return weight(field, Level.EXACT);
        }
        return log2(m.get(field).get(Level.EXACT) / Math.max(share, termFrequencyFloor));
    }

    /** The prior log2 odds that a partner record is about one particular child of an index of this many. */
    public double priorWeight(long indexChildren) {
        return log2(priorKnown / Math.max(indexChildren, populationFloor));
    }

    /** The same model with u as an index shows it (random pairs of its children); levels it did not measure keep theirs. */
    public MatchWeights withUnmatched(Map<Field, Map<Level, Double>> measured) {
        Map<Field, Map<Level, Double>> merged = copy(u);
        measured.forEach((field, levels) -> merged.get(field).putAll(levels));
        return new MatchWeights(m, merged, matchThreshold, reviewThreshold, identifierDisagreement, priorKnown, populationFloor,
                termFrequencyFloor);
    }

    /** The same model with other thresholds (for a sweep). */
    public MatchWeights withThresholds(double match, double review) {
        return new MatchWeights(m, u, match, review, identifierDisagreement, priorKnown, populationFloor, termFrequencyFloor);
    }

    /** The same model with other m probabilities and prior (as estimated). */
    public MatchWeights withMatched(Map<Field, Map<Level, Double>> matched, double known) {
        return new MatchWeights(matched, u, matchThreshold, reviewThreshold, identifierDisagreement, known, populationFloor,
                termFrequencyFloor);
    }

    public static MatchWeights defaults() {
        try (InputStream in = MatchWeights.class.getResourceAsStream(DEFAULT_LOCATION)) {
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @throws IllegalArgumentException naming every missing or impossible value
     */
    public static MatchWeights load(InputStream in) throws IOException {
        Properties properties = new Properties();
        properties.load(in);
        StringBuilder problems = new StringBuilder();
        Map<Field, Map<Level, Double>> m = new EnumMap<>(Field.class);
        Map<Field, Map<Level, Double>> u = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            m.put(field, new EnumMap<>(Level.class));
            u.put(field, new EnumMap<>(Level.class));
            for (Level level : field.levels()) {
                m.get(field).put(level, probability(properties, field + "." + level + ".m", problems));
                u.get(field).put(level, probability(properties, field + "." + level + ".u", problems));
            }
        }
        double floor = probability(properties, "term-frequency.floor", problems);
        double match = probability(properties, "threshold.match", problems);
        double review = probability(properties, "threshold.review", problems);
        double disagreement = number(properties, "threshold.identifier-disagreement", problems);
        double known = probability(properties, "prior.known", problems);
        double population = number(properties, "prior.population-floor", problems);
        if (problems.isEmpty() && review > match) {
            problems.append(" threshold.review must not be above threshold.match;");
        }
        if (problems.isEmpty() && population < 1) {
            problems.append(" prior.population-floor must be 1 or more;");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("identity weights:" + problems);
        }
        return new MatchWeights(m, u, match, review, disagreement, known, (long) population, floor);
    }

    /** The model as a properties file, as {@link #load} reads it. */
    public String toProperties() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "threshold.match=%s%nthreshold.review=%s%nthreshold.identifier-disagreement=%.1f%n"
                        + "prior.known=%.4f%nprior.population-floor=%d%nterm-frequency.floor=%s%n", matchThreshold, reviewThreshold,
                identifierDisagreement, priorKnown, populationFloor, termFrequencyFloor));
        for (Field field : Field.values()) {
            for (Level level : field.levels()) {
                out.append(String.format(Locale.ROOT, "%s.%s.m=%.6g%n%s.%s.u=%.6g%n", field, level, m.get(field).get(level), field, level,
                        u.get(field).get(level)));
            }
        }
        return out.toString();
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static Map<Field, Map<Level, Double>> copy(Map<Field, Map<Level, Double>> source) {
        Map<Field, Map<Level, Double>> copy = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            copy.put(field, new EnumMap<>(Level.class));
            if (source.containsKey(field)) {
                copy.get(field).putAll(source.get(field));
            }
        }
        return copy;
    }

    private static double probability(Properties properties, String key, StringBuilder problems) {
        double value = number(properties, key, problems);
        if (!Double.isNaN(value) && (value <= 0 || value > 1)) {
            problems.append(' ').append(key).append(" must be in (0, 1];");
        }
        return value;
    }

    private static double number(Properties properties, String key, StringBuilder problems) {
        String value = properties.getProperty(key);
        if (value == null) {
            problems.append(' ').append(key).append(" is missing;");
            return Double.NaN;
        }
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            problems.append(' ').append(key).append(" is not a number;");
            return Double.NaN;
        }
    }
}
