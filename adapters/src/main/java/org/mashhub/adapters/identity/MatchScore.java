package org.mashhub.adapters.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A comparison's total weight and what each field added to it, so a person can see why it matched. */
public record MatchScore(double total, List<Contribution> contributions) {

    public MatchScore {
        contributions = List.copyOf(contributions);
    }

    /** One field: the level it reached and the weight that level carries. */
    public record Contribution(Field field, Level level, double weight) {
    }

    public static MatchScore of(Map<Field, Level> levels, MatchWeights weights) {
        return of(levels, weights, Double.NaN, Double.NaN);
    }

    /** With the shares of the index's children that have the query's given and family name (NaN: unknown). */
    public static MatchScore of(Map<Field, Level> levels, MatchWeights weights, double givenShare, double familyShare) {
        List<Contribution> contributions = new ArrayList<>();
        double total = 0;
        for (Map.Entry<Field, Level> entry : levels.entrySet()) {
            Field field = entry.getKey();
            Level level = entry.getValue();
            double weight = level == Level.EXACT && field == Field.GIVEN_NAME ? weights.exactNameWeight(field, givenShare)
                    : level == Level.EXACT && field == Field.FAMILY_NAME ? weights.exactNameWeight(field, familyShare)
                    : weights.weight(field, level);
            contributions.add(new Contribution(entry.getKey(), entry.getValue(), weight));
            total += weight;
        }
        return new MatchScore(total, contributions);
    }

    public Level level(Field field) {
        return contributions.stream().filter(c -> c.field() == field).map(Contribution::level).findFirst().orElse(Level.UNKNOWN);
    }

    /** The score without the identifier fields: what the demographics alone say. */
    public double demographics() {
        return contributions.stream().filter(c -> c.field() != Field.NHS_NUMBER && c.field() != Field.UPN)
                .mapToDouble(Contribution::weight).sum();
    }
}
