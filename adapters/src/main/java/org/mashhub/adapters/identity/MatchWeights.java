package org.mashhub.adapters.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * The Fellegi–Sunter parameters: for each field and level, m (how often a true match shows it) and u (how
 * often two different children do), whose log2 ratio is the level's weight; and the thresholds on the
 * summed weights. Read from a properties file ({@code identity/weights.properties} on the classpath by
 * default), written by the estimator in {@code bench/} ({@code bench/identity.sh estimate}).
 *
 * <pre>
 * threshold.match=…            at or above: MATCH
 * threshold.review=…           at or above (and below match): REVIEW
 * threshold.identifier-disagreement=…   an identifier match whose other fields score below this goes to REVIEW
 * term-frequency.floor=…       the least share a name counts as (see {@link #exactNameWeight}); absent: no adjustment
 * GIVEN_NAME.EXACT.m=… / .u=…  for every field and level
 * </pre>
 */
public record MatchWeights(Map<Field, Map<Level, Double>> weights, Map<Field, Double> exactM, double matchThreshold,
                           double reviewThreshold, double identifierDisagreement, double termFrequencyFloor) {

    public static final String DEFAULT_LOCATION = "/identity/weights.properties";

    public double weight(Field field, Level level) {
        if (level == Level.UNKNOWN) {
            return 0;
        }
        Double weight = weights.getOrDefault(field, Map.of()).get(level);
        if (weight == null) {
            throw new IllegalStateException("no weight for " + field + " " + level);
        }
        return weight;
    }

    /**
     * The weight of an exact given or family name, adjusted for how common the name is (Splink's
     * term-frequency adjustment): u is the name's share of the index's children rather than the average,
     * so "Oliver Smith" agreeing says less than "Barnaby Ashworth" agreeing. The share is floored, so one
     * unique name cannot outweigh everything else.
     *
     * @param share the name's share of the children in the index; NaN when unknown (the average weight)
     */
    public double exactNameWeight(Field field, double share) {
        if (Double.isNaN(share) || Double.isNaN(termFrequencyFloor)) {
            return weight(field, Level.EXACT);
        }
        return Math.log(exactM.get(field) / Math.max(share, termFrequencyFloor)) / Math.log(2);
    }

    /** The same parameters with other thresholds (for a sweep). */
    public MatchWeights withThresholds(double match, double review) {
        return new MatchWeights(weights, exactM, match, review, identifierDisagreement, termFrequencyFloor);
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
        Map<Field, Map<Level, Double>> weights = new EnumMap<>(Field.class);
        Map<Field, Double> exactM = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            Map<Level, Double> levels = new EnumMap<>(Level.class);
            for (Level level : field.levels()) {
                double m = probability(properties, field + "." + level + ".m", problems);
                double u = probability(properties, field + "." + level + ".u", problems);
                levels.put(level, Math.log(m / u) / Math.log(2));
                if (level == Level.EXACT) {
                    exactM.put(field, m);
                }
            }
            weights.put(field, levels);
        }
        double floor = properties.getProperty("term-frequency.floor") == null ? Double.NaN
                : probability(properties, "term-frequency.floor", problems);
        double match = number(properties, "threshold.match", problems);
        double review = number(properties, "threshold.review", problems);
        double disagreement = number(properties, "threshold.identifier-disagreement", problems);
        if (problems.isEmpty() && review > match) {
            problems.append(" threshold.review must not be above threshold.match;");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("identity weights:" + problems);
        }
        return new MatchWeights(weights, exactM, match, review, disagreement, floor);
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
