package org.mashhub.adapters.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Expectation–maximisation finds m from unlabelled pairs drawn from a model it is not told. */
class ModelEstimationTest {

    @Test
    void expectationMaximisationRecoversTheMatchProbabilitiesOfUnlabelledPairs() {
        Map<Field, Map<Level, Double>> m = levels(Map.of(
                Field.GIVEN_NAME, new double[] {0.88, 0.05, 0.03, 0.02, 0.02},
                Field.FAMILY_NAME, new double[] {0.90, 0.02, 0.03, 0.02, 0.03},
                Field.POSTCODE, new double[] {0.70, 0.10, 0.20}));
        Map<Field, Map<Level, Double>> u = levels(Map.of(
                Field.GIVEN_NAME, new double[] {0.01, 0.005, 0.005, 0.01, 0.97},
                Field.FAMILY_NAME, new double[] {0.005, 0.001, 0.004, 0.01, 0.98},
                Field.POSTCODE, new double[] {0.001, 0.02, 0.979}));
        Random random = new Random(3);
        List<Map<Field, Level>> pairs = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            boolean match = random.nextDouble() < 0.2;
            Map<Field, Level> pair = new EnumMap<>(Field.class);
            for (Field field : List.of(Field.GIVEN_NAME, Field.FAMILY_NAME, Field.POSTCODE)) {
                pair.put(field, draw((match ? m : u).get(field), random));
            }
            pairs.add(pair);
        }
        // Start far from the truth: every level equally likely for a match.
        Map<Field, Map<Level, Double>> start = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            Map<Level, Double> flat = new EnumMap<>(Level.class);
            field.levels().forEach(level -> flat.put(level, 1.0 / field.levels().size()));
            start.put(field, flat);
        }

        ModelEstimation.Estimate estimate = ModelEstimation.matched(pairs, u, start,
                EnumSet.of(Field.GIVEN_NAME, Field.FAMILY_NAME, Field.POSTCODE), 500);

        assertThat(estimate.matchShare()).isCloseTo(0.2, offset(0.01));
        assertThat(estimate.m().get(Field.GIVEN_NAME).get(Level.EXACT)).isCloseTo(0.88, offset(0.02));
        assertThat(estimate.m().get(Field.FAMILY_NAME).get(Level.DIFFERENT)).isCloseTo(0.03, offset(0.01));
        assertThat(estimate.m().get(Field.POSTCODE).get(Level.EXACT)).isCloseTo(0.70, offset(0.02));
        // A field the session does not estimate keeps where it started.
        assertThat(estimate.m().get(Field.BIRTH_DATE)).isEqualTo(start.get(Field.BIRTH_DATE));
    }

    private static Map<Field, Map<Level, Double>> levels(Map<Field, double[]> probabilities) {
        Map<Field, Map<Level, Double>> levels = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            Map<Level, Double> byLevel = new EnumMap<>(Level.class);
            double[] p = probabilities.get(field);
            for (int i = 0; i < field.levels().size(); i++) {
                byLevel.put(field.levels().get(i), p == null ? 1.0 / field.levels().size() : p[i]);
            }
            levels.put(field, byLevel);
        }
        return levels;
    }

    private static Level draw(Map<Level, Double> probabilities, Random random) {
        double x = random.nextDouble();
        for (Map.Entry<Level, Double> level : probabilities.entrySet()) {
            x -= level.getValue();
            if (x <= 0) {
                return level.getKey();
            }
        }
        return Level.DIFFERENT;
    }
}
