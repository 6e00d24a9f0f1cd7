package org.mashhub.bench.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.mashhub.adapters.identity.BlockingKeys;
import org.mashhub.adapters.identity.ChildComparator;
import org.mashhub.adapters.identity.ChildDescription;
import org.mashhub.adapters.identity.Field;
import org.mashhub.adapters.identity.Level;
import org.mashhub.adapters.identity.MatchDecision;
import org.mashhub.adapters.identity.MatchDecision.Candidate;
import org.mashhub.adapters.identity.MatchDecision.Decision;
import org.mashhub.adapters.identity.MatchWeights;
import org.mashhub.adapters.identity.ModelEstimation;
import org.mashhub.adapters.identity.Names;
import org.mashhub.adapters.identity.TermCounts;

/**
 * The hub's matcher over an index held in memory, as the hub runs it: the identifier rule, the blocking keys,
 * term frequencies and u measured on the index's own children (random pairs), and the decision. Candidate ids
 * are the known children's positions.
 */
final class InMemoryIndex {

    /** Random pairs of known children the hub measures u on (IndexModel in the hub). */
    static final int UNMATCHED_PAIRS = 200_000;

    private final List<ChildDescription> children;
    private final Map<String, List<Integer>> blocks = new HashMap<>();
    private final Map<String, Integer> byIdentifier = new HashMap<>();
    /** For the estimator's sessions: children by birth date and given name, and by birth date and family name. */
    private final Map<String, List<Integer>> byDayAndGiven = new HashMap<>();
    private final Map<String, List<Integer>> byDayAndFamily = new HashMap<>();
    private final TermCounts frequencies = new TermCounts();
    private final Map<Field, Map<Level, Double>> unmatched;

    InMemoryIndex(List<ChildDescription> children) {
        this.children = children;
        for (int i = 0; i < children.size(); i++) {
            ChildDescription child = children.get(i);
            frequencies.add(child);
            for (String key : BlockingKeys.forIndex(child)) {
                blocks.computeIfAbsent(key, k -> new ArrayList<>(2)).add(i);
            }
            file(byDayAndGiven, dayAndGiven(child), i);
            file(byDayAndFamily, dayAndFamily(child), i);
            for (String nhs : child.nhsNumbers()) {
                byIdentifier.put("N" + nhs, i);
            }
            for (String upn : child.upns()) {
                byIdentifier.put("U" + upn, i);
            }
        }
        this.unmatched = children.size() >= TermCounts.MIN_CHILDREN
                ? ModelEstimation.unmatched(children, UNMATCHED_PAIRS, new Random(1)) : Map.of();
    }

    /** The model as the hub would use it on this index: u from the index's own children. */
    MatchWeights onThisIndex(MatchWeights weights) {
        return weights.withUnmatched(unmatched);
    }

    int size() {
        return children.size();
    }

    /** The decision, as the hub makes it. {@code weights} as {@link #onThisIndex} gives them. */
    Decision decide(ChildDescription query, MatchWeights weights) {
        Set<Integer> owners = new LinkedHashSet<>();
        query.nhsNumbers().stream().map(n -> byIdentifier.get("N" + n)).filter(o -> o != null).forEach(owners::add);
        query.upns().stream().map(u -> byIdentifier.get("U" + u)).filter(o -> o != null).forEach(owners::add);
        if (!owners.isEmpty()) {
            return MatchDecision.byIdentifiers(score(query, owners, weights), weights);
        }
        return MatchDecision.decide(query, score(query, blocked(query), weights), weights, frequencies);
    }

    /** The record against every known child born the same day with the same given name (the estimator's first session). */
    List<Map<Field, Level>> sameDayAndGivenPairs(ChildDescription query) {
        return compareWith(query, byDayAndGiven.getOrDefault(dayAndGiven(query), List.of()));
    }

    /** The record against every known child born the same day with the same family name (the second). */
    List<Map<Field, Level>> sameDayAndFamilyPairs(ChildDescription query) {
        return compareWith(query, byDayAndFamily.getOrDefault(dayAndFamily(query), List.of()));
    }

    /** The record against the known child whose valid NHS Number it carries, if any. */
    List<Map<Field, Level>> sameNhsNumberPairs(ChildDescription query) {
        return compareWith(query, query.nhsNumbers().stream().map(n -> byIdentifier.get("N" + n)).filter(o -> o != null).toList());
    }

    private List<Map<Field, Level>> compareWith(ChildDescription query, List<Integer> ids) {
        List<Map<Field, Level>> pairs = new ArrayList<>();
        for (int id : ids) {
            pairs.add(ChildComparator.compare(query, children.get(id)));
        }
        return pairs;
    }

    private static void file(Map<String, List<Integer>> map, String key, int id) {
        if (key != null) {
            map.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
        }
    }

    private static String dayAndGiven(ChildDescription child) {
        return child.birthDate() == null || child.primaryGiven() == null ? null : child.birthDate() + "|" + Names.joined(child.primaryGiven());
    }

    private static String dayAndFamily(ChildDescription child) {
        return child.birthDate() == null || child.familyNames().isEmpty() ? null
                : child.birthDate() + "|" + Names.joined(child.familyNames().get(0));
    }

    Set<Integer> blocked(ChildDescription query) {
        Set<Integer> blocked = new LinkedHashSet<>();
        for (String key : BlockingKeys.forQuery(query)) {
            blocked.addAll(blocks.getOrDefault(key, List.of()));
        }
        return blocked;
    }

    private List<Candidate> score(ChildDescription query, Set<Integer> ids, MatchWeights weights) {
        List<Candidate> scored = new ArrayList<>();
        for (int id : ids) {
            scored.add(MatchDecision.score(Integer.toString(id), query, children.get(id), weights, frequencies));
        }
        return scored;
    }
}
