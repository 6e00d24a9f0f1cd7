package org.mashhub.adapters.identity;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Estimates the Fellegi–Sunter model from unlabelled data, as Splink and fastLink do:
 * <ul>
 *   <li>u from random pairs of the index's children: almost every random pair is two different children, so
 *       how often a level turns up among them is how often two different children show it;</li>
 *   <li>m (and the share of pairs that are matches) by expectation–maximisation over unlabelled pairs of a
 *       partner record and a known child, u held fixed: each round weighs every pair by how likely it is a match
 *       under the current m, then takes m as those weights' level frequencies. As in Splink, each session takes
 *       the pairs one blocking rule gives (the same birth date, say) and estimates only the fields that rule
 *       does not fix: among pairs that must agree on a birth date, two different children still agree on the
 *       other fields as random pairs do, which is what u describes.</li>
 * </ul>
 * Levels never seen get half a count, so no probability is zero.
 */
public final class ModelEstimation {

    /** m per field and level, the share of candidate pairs that match, and how many rounds it took. */
    public record Estimate(Map<Field, Map<Level, Double>> m, double matchShare, int rounds) {
    }

    private static final double PSEUDO_COUNT = 0.5;

    private ModelEstimation() {
    }

    /** u per field and level from {@code pairs} random pairs of these children (two different children each). */
    public static Map<Field, Map<Level, Double>> unmatched(List<ChildDescription> children, int pairs, Random random) {
        Map<Field, Map<Level, Double>> counts = zeroCounts();
        if (children.size() < 2) {
            return counts;
        }
        for (int i = 0; i < pairs; i++) {
            int a = random.nextInt(children.size());
            int b = random.nextInt(children.size() - 1);
            b = b >= a ? b + 1 : b;
            add(counts, ChildComparator.compare(children.get(a), children.get(b)), 1);
        }
        return probabilities(counts);
    }

    /**
     * m by expectation–maximisation, for the fields estimated; the others keep their start values and play no part.
     *
     * @param pairs     the levels of each pair of a record and a known child that the session's blocking rule gives, unlabelled
     * @param u         held fixed
     * @param start     m to start from (the shipped estimate, say)
     * @param estimated the fields the blocking rule leaves free
     */
    public static Estimate matched(List<Map<Field, Level>> pairs, Map<Field, Map<Level, Double>> u, Map<Field, Map<Level, Double>> start,
                                   Set<Field> estimated, int maxRounds) {
        // Identical comparison vectors are weighed once, with their count.
        Map<Map<Field, Level>, Integer> patterns = new HashMap<>();
        for (Map<Field, Level> pair : pairs) {
            patterns.merge(pair, 1, Integer::sum);
        }
        Map<Field, Map<Level, Double>> m = copy(start);
        double share = 0.1;
        int round = 0;
        for (; round < maxRounds; round++) {
            Map<Field, Map<Level, Double>> expected = zeroCounts();
            double matches = 0;
            for (Map.Entry<Map<Field, Level>, Integer> pattern : patterns.entrySet()) {
                double log2Ratio = 0;
                for (Map.Entry<Field, Level> level : pattern.getKey().entrySet()) {
                    if (level.getValue() != Level.UNKNOWN && estimated.contains(level.getKey())) {
                        log2Ratio += MatchWeights.log2(m.get(level.getKey()).get(level.getValue()) / u.get(level.getKey()).get(level.getValue()));
                    }
                }
                double odds = share / (1 - share) * Math.pow(2, log2Ratio);
                double p = Double.isInfinite(odds) ? 1 : odds / (1 + odds);
                add(expected, pattern.getKey(), p * pattern.getValue());
                matches += p * pattern.getValue();
            }
            Map<Field, Map<Level, Double>> next = probabilities(expected);
            for (Field field : Field.values()) {
                if (!estimated.contains(field)) {
                    next.put(field, m.get(field));
                }
            }
            double nextShare = Math.min(0.999, Math.max(1e-6, matches / pairs.size()));
            double change = Math.abs(nextShare - share);
            for (Field field : Field.values()) {
                for (Level level : field.levels()) {
                    change = Math.max(change, Math.abs(next.get(field).get(level) - m.get(field).get(level)));
                }
            }
            m = next;
            share = nextShare;
            if (change < 1e-7) {
                break;
            }
        }
        return new Estimate(m, share, round);
    }

    /**
     * m for one field from pairs known to be one child without labels: a partner record and the known child whose
     * valid NHS Number it carries. How often such pairs agree at each level of a field the identifier does not
     * decide is that field's m.
     */
    public static Map<Level, Double> linkedByIdentifier(List<Map<Field, Level>> linked, Field field) {
        Map<Field, Map<Level, Double>> counts = zeroCounts();
        for (Map<Field, Level> pair : linked) {
            add(counts, Map.of(field, pair.get(field)), 1);
        }
        return probabilities(counts).get(field);
    }

    private static Map<Field, Map<Level, Double>> zeroCounts() {
        Map<Field, Map<Level, Double>> counts = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            Map<Level, Double> levels = new EnumMap<>(Level.class);
            for (Level level : field.levels()) {
                levels.put(level, 0.0);
            }
            counts.put(field, levels);
        }
        return counts;
    }

    private static void add(Map<Field, Map<Level, Double>> counts, Map<Field, Level> levels, double weight) {
        levels.forEach((field, level) -> {
            if (level != Level.UNKNOWN) {
                counts.get(field).merge(level, weight, Double::sum);
            }
        });
    }

    private static Map<Field, Map<Level, Double>> probabilities(Map<Field, Map<Level, Double>> counts) {
        Map<Field, Map<Level, Double>> probabilities = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            double total = counts.get(field).values().stream().mapToDouble(Double::doubleValue).sum()
                    + PSEUDO_COUNT * field.levels().size();
            Map<Level, Double> levels = new EnumMap<>(Level.class);
            for (Level level : field.levels()) {
                levels.put(level, (counts.get(field).get(level) + PSEUDO_COUNT) / total);
            }
            probabilities.put(field, levels);
        }
        return probabilities;
    }

    private static Map<Field, Map<Level, Double>> copy(Map<Field, Map<Level, Double>> source) {
        Map<Field, Map<Level, Double>> copy = new EnumMap<>(Field.class);
        source.forEach((field, levels) -> copy.put(field, new EnumMap<>(levels)));
        return copy;
    }
}
