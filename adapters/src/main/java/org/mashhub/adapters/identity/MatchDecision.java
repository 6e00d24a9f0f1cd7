package org.mashhub.adapters.identity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The probabilistic decision over a query's candidates. The best candidate is a MATCH when its score
 * reaches the match threshold, no other candidate does too, and the twin rule allows it; a REVIEW when it
 * reaches the review threshold (or the match threshold but is held back); otherwise NO_MATCH.
 *
 * <p>Rules no score overrides: a candidate with another valid NHS Number is another child, never a
 * MATCH; a candidate whose given name is different (not the same, a nickname, another of its known given
 * names or a misspelling) is never a MATCH, however much else agrees, so twins are never merged; and where
 * the index knows children born the same day with the same family name (twins), only the same given name
 * is a MATCH.
 */
public final class MatchDecision {

    public enum Outcome { MATCH, REVIEW, NO_MATCH }

    /** A known child and how the query compared with it. */
    public record Candidate(String hubChildId, ChildDescription known, MatchScore score) {
    }

    public record Decision(Outcome outcome, Candidate chosen, List<Candidate> candidates, String reason) {
    }

    private MatchDecision() {
    }

    public static Candidate score(String hubChildId, ChildDescription query, ChildDescription known, MatchWeights weights) {
        return new Candidate(hubChildId, known, MatchScore.of(ChildComparator.compare(query, known), weights));
    }

    /** As above, with how common the query's names are among the index's children. */
    public static Candidate score(String hubChildId, ChildDescription query, ChildDescription known, MatchWeights weights,
                                  NameFrequencies frequencies) {
        double givenShare = query.primaryGiven() == null ? Double.NaN : frequencies.givenShare(query.primaryGiven());
        double familyShare = query.familyNames().isEmpty() ? Double.NaN : frequencies.familyShare(query.familyNames().get(0));
        return new Candidate(hubChildId, known, MatchScore.of(ChildComparator.compare(query, known), weights, givenShare, familyShare));
    }

    /**
     * The decision when the query's validated identifiers belong to known children: MATCH the one child
     * they belong to, unless it has another NHS Number or the rest of the description strongly disagrees
     * (below the identifier-disagreement threshold); several children: a person decides.
     */
    public static Decision byIdentifiers(List<Candidate> owners, MatchWeights weights) {
        List<Candidate> candidates = new ArrayList<>(owners);
        candidates.sort(Comparator.comparingDouble((Candidate c) -> c.score().total()).reversed());
        Candidate best = candidates.get(0);
        if (candidates.size() > 1) {
            return new Decision(Outcome.REVIEW, best, candidates, "its identifiers belong to different known children");
        }
        if (best.score().level(Field.NHS_NUMBER) == Level.DIFFERENT) {
            return new Decision(Outcome.REVIEW, best, candidates, "an identifier matches a child with another NHS Number");
        }
        if (best.score().demographics() < weights.identifierDisagreement()) {
            return new Decision(Outcome.REVIEW, best, candidates, "an identifier matches but the demographics strongly disagree");
        }
        return new Decision(Outcome.MATCH, best, candidates, "a validated identifier");
    }

    /** The decision over the candidates that share a blocking key with the query. */
    public static Decision decide(List<Candidate> scored, MatchWeights weights) {
        List<Candidate> candidates = new ArrayList<>(scored);
        candidates.sort(Comparator.comparingDouble((Candidate c) -> c.score().total()).reversed());
        if (candidates.isEmpty() || candidates.get(0).score().total() < weights.reviewThreshold()) {
            return new Decision(Outcome.NO_MATCH, null, candidates, "no candidate reaches the review threshold");
        }
        List<Candidate> matches = candidates.stream()
                .filter(c -> c.score().total() >= weights.matchThreshold() && rulesAllow(c, candidates)).toList();
        if (matches.size() == 1) {
            return new Decision(Outcome.MATCH, matches.get(0), candidates, "the best candidate reaches the match threshold");
        }
        if (matches.size() > 1) {
            return new Decision(Outcome.REVIEW, matches.get(0), candidates, "more than one candidate reaches the match threshold");
        }
        Candidate best = candidates.get(0);
        return new Decision(Outcome.REVIEW, best, candidates, best.score().total() >= weights.matchThreshold()
                ? "held back: another valid NHS Number, a different given name, or a known twin"
                : "the best candidate is in the review band");
    }

    /**
     * The rules no score overrides: another valid NHS Number is another child; a different given name is
     * another child (twins and siblings share everything else); where a twin is known, only the same
     * given name will do.
     */
    private static boolean rulesAllow(Candidate candidate, List<Candidate> candidates) {
        if (candidate.score().level(Field.NHS_NUMBER) == Level.DIFFERENT) {
            return false;
        }
        Level given = candidate.score().level(Field.GIVEN_NAME);
        if (given == Level.DIFFERENT) {
            return false;
        }
        return given == Level.EXACT || !hasTwinAmong(candidate, candidates);
    }

    /** Another candidate born the same day with a family name in common and another given name. */
    private static boolean hasTwinAmong(Candidate best, List<Candidate> candidates) {
        for (Candidate other : candidates) {
            if (other != best && other.known().birthDate() != null && other.known().birthDate().equals(best.known().birthDate())
                    && ChildComparator.family(best.known().familyNames(), other.known().familyNames()) == Level.EXACT
                    && ChildComparator.given(best.known().givenNames(), other.known().givenNames()) != Level.EXACT) {
                return true;
            }
        }
        return false;
    }
}
