package org.mashhub.adapters.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A comparison's total weight (log2 of the likelihood ratio) and what each field added to it, so a person can see why. */
public record MatchScore(double total, List<Contribution> contributions) {

    public MatchScore {
        contributions = List.copyOf(contributions);
    }

    /** One field: the level it reached and the weight that level carries. */
    public record Contribution(Field field, Level level, double weight) {
    }

    /** Exact agreement on a name or postcode weighed by how common the agreed value is among the index's children. */
    public static MatchScore of(ChildDescription query, ChildDescription known, MatchWeights weights, TermFrequencies frequencies) {
        Map<Field, Level> levels = ChildComparator.compare(query, known);
        List<Contribution> contributions = new ArrayList<>();
        double total = 0;
        for (Map.Entry<Field, Level> entry : levels.entrySet()) {
            Field field = entry.getKey();
            Level level = entry.getValue();
            double weight = level == Level.EXACT && field.termFrequencyAdjusted()
                    ? weights.exactWeight(field, frequencies.share(field, agreedValue(field, query, known)))
                    : weights.weight(field, level);
            contributions.add(new Contribution(field, level, weight));
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

    /** The value both sides have, for a field that agrees exactly. */
    private static String agreedValue(Field field, ChildDescription query, ChildDescription known) {
        return switch (field) {
            case GIVEN_NAME -> Names.joined(query.primaryGiven());
            case FAMILY_NAME -> query.familyNames().stream().filter(q -> known.familyNames().stream()
                    .anyMatch(k -> Names.joined(k).equals(Names.joined(q)))).findFirst().map(Names::joined)
                    .orElse(query.familyNames().isEmpty() ? null : Names.joined(query.familyNames().get(0)));
            case POSTCODE -> query.postcodes().stream().filter(known.postcodes()::contains).findFirst().orElse(null);
            default -> null;
        };
    }
}
