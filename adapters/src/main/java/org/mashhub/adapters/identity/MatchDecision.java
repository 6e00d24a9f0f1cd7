package org.mashhub.adapters.identity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The decision over a query's candidates. Each candidate's score (log2 of its likelihood ratio) becomes the
 * probability that the query is about that child, given the prior (a share of partner records is about a
 * known child, spread over the index's children) and every other candidate: two children that fit the query
 * equally well each get half. The most probable candidate is a MATCH when its probability reaches the match
 * threshold and the rules allow it; a REVIEW when it reaches the review threshold (or the match threshold but
 * a rule holds it back); otherwise NO_MATCH.
 *
 * <p>Rules no score overrides, because what they guard against is where fields stop being independent
 * (brothers, sisters and cousins share a family name and an address; twins a birth date too):
 * <ul>
 *   <li>another valid NHS Number is another child;</li>
 *   <li>a different given name (not the same, a nickname, another of its known given names or a misspelling)
 *       is another child, so twins are never merged, and a name only alike (two slips, the same sound: Jack and
 *       Jake) is at most a REVIEW: when that name is one other children of the index have, the
 *       answer is NO_MATCH (a brother, sister or twin), otherwise a person looks; where the index knows a twin of the
 *       candidate, a given name that could be either twin's is not enough;</li>
 *   <li>a name and a postcode agreeing never outweigh a birth date that disagrees: a MATCH needs the same birth
 *       date, or a day-month swap or a day out with both names the same; one digit wrong (which a namesake a week,
 *       a month or a year apart also is) and a missing birth date are at most a REVIEW; any other difference is
 *       another child.</li>
 * </ul>
 */
public final class MatchDecision {

    public enum Outcome { MATCH, REVIEW, NO_MATCH }

    /** A given name this many children of the index have is a name, not a slip or a family's short form. */
    static final int COMMON_NAME = 3;

    /**
     * A known child and how the query compared with it; {@code probability} that it is the query's child, NaN
     * until {@link #decide} weighs it against the others.
     */
    public record Candidate(String hubChildId, ChildDescription known, MatchScore score, double probability) {

        Candidate withProbability(double p) {
            return new Candidate(hubChildId, known, score, p);
        }
    }

    public record Decision(Outcome outcome, Candidate chosen, List<Candidate> candidates, String reason) {
    }

    private MatchDecision() {
    }

    public static Candidate score(String hubChildId, ChildDescription query, ChildDescription known, MatchWeights weights,
                                  TermFrequencies frequencies) {
        return new Candidate(hubChildId, known, MatchScore.of(query, known, weights, frequencies), Double.NaN);
    }

    public static Candidate score(String hubChildId, ChildDescription query, ChildDescription known, MatchWeights weights) {
        return score(hubChildId, query, known, weights, TermFrequencies.UNKNOWN);
    }

    /**
     * The decision when the query's validated identifiers belong to known children: MATCH the one child
     * they belong to, unless it has another NHS Number or the rest of the description strongly disagrees
     * (below the identifier-disagreement threshold); several children: a person decides.
     */
    public static Decision byIdentifiers(List<Candidate> owners, MatchWeights weights) {
        List<Candidate> candidates = new ArrayList<>();
        for (Candidate owner : owners) {
            candidates.add(owner.withProbability(candidates.isEmpty() && owners.size() == 1 ? 1.0 : 1.0 / owners.size()));
        }
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

    /**
     * The decision over the candidates that share a blocking key with the query.
     *
     * @param frequencies the index's term frequencies (how many children it holds: the prior spreads over them)
     */
    public static Decision decide(ChildDescription query, List<Candidate> scored, MatchWeights weights, TermFrequencies frequencies) {
        List<Candidate> candidates = withProbabilities(scored, weights, frequencies.children());
        if (candidates.isEmpty() || candidates.get(0).probability() < weights.reviewThreshold()) {
            return new Decision(Outcome.NO_MATCH, candidates.isEmpty() ? null : candidates.get(0), candidates,
                    "no candidate is likely enough to be the child");
        }
        Candidate best = candidates.get(0);
        String another = anotherChild(best.score(), query, frequencies);
        if (another != null) {
            return new Decision(Outcome.NO_MATCH, best, candidates, another);
        }
        String heldBack = heldBack(best, candidates);
        if (best.probability() >= weights.matchThreshold() && heldBack == null) {
            return new Decision(Outcome.MATCH, best, candidates, "the best candidate is likely enough to be the child");
        }
        return new Decision(Outcome.REVIEW, best, candidates, heldBack != null ? "held back: " + heldBack
                : candidates.size() > 1 && candidates.get(1).probability() >= weights.reviewThreshold()
                ? "more than one candidate could be the child" : "the best candidate may be the child");
    }

    /** The candidates, most probable first, each with its probability of being the query's child. */
    static List<Candidate> withProbabilities(List<Candidate> scored, MatchWeights weights, long indexChildren) {
        List<Candidate> sorted = new ArrayList<>(scored);
        sorted.sort(Comparator.comparingDouble((Candidate c) -> c.score().total()).reversed());
        if (sorted.isEmpty()) {
            return sorted;
        }
        // P(c) = prior·2^score(c) / (P(a child the index does not know) + Σ prior·2^score(j)), in logs so nothing overflows.
        double prior = weights.priorWeight(indexChildren);
        double top = sorted.get(0).score().total() + prior;
        double unknown = MatchWeights.log2(1 - weights.priorKnown());
        double scale = Math.max(top, unknown);
        double denominator = Math.pow(2, unknown - scale);
        for (Candidate c : sorted) {
            denominator += Math.pow(2, c.score().total() + prior - scale);
        }
        List<Candidate> weighed = new ArrayList<>(sorted.size());
        for (Candidate c : sorted) {
            weighed.add(c.withProbability(Math.pow(2, c.score().total() + prior - scale) / denominator));
        }
        return weighed;
    }

    /**
     * Why the best candidate, however probable the model finds it, is another child, where the model's fields are
     * not independent: null when nothing says so. A given name other children of the index have, where everything
     * else agrees, is a brother, a sister or a twin (a name the index has seldom seen may be what the family calls
     * the child, a short form the nickname list lacks: a person looks). A birth date that is not the same, nor a known
     * slip, is another child whatever the names and address say (a cousin named after them, a namesake). Another
     * valid NHS Number with another given name or birth date is two children.
     */
    private static String anotherChild(MatchScore score, ChildDescription query, TermFrequencies frequencies) {
        Level given = score.level(Field.GIVEN_NAME);
        if (given == Level.DIFFERENT && anotherChildsName(query, frequencies)) {
            return "another child's given name: a brother, sister or twin";
        }
        if (score.level(Field.BIRTH_DATE) == Level.DIFFERENT) {
            return "another birth date, not a slip of one: a namesake";
        }
        if (score.level(Field.NHS_NUMBER) == Level.DIFFERENT && (given == Level.DIFFERENT
                || score.level(Field.BIRTH_DATE) != Level.EXACT && score.level(Field.BIRTH_DATE) != Level.UNKNOWN)) {
            return "another valid NHS Number, and another given name or birth date";
        }
        return null;
    }

    /** Whether the query's given name is one at least {@value #COMMON_NAME} children of the index have. */
    private static boolean anotherChildsName(ChildDescription query, TermFrequencies frequencies) {
        double share = frequencies.share(Field.GIVEN_NAME, Names.joined(query.primaryGiven()));
        return !Double.isNaN(share) && share * frequencies.children() >= COMMON_NAME;
    }

    /** Why a rule holds this candidate back from a MATCH, or null when none does. */
    private static String heldBack(Candidate candidate, List<Candidate> candidates) {
        MatchScore score = candidate.score();
        if (score.level(Field.NHS_NUMBER) == Level.DIFFERENT) {
            return "another valid NHS Number";
        }
        Level given = score.level(Field.GIVEN_NAME);
        if (given == Level.DIFFERENT) {
            return "a different given name";
        }
        if (given == Level.UNKNOWN) {
            return "no given name to compare";
        }
        if (given == Level.SIMILAR) {
            // Two slips or a sound-alike is what twins' names can be (Jack and Jake): not enough to say which child.
            return "the given name is only alike";
        }
        if (given != Level.EXACT && twinAlsoFits(candidate, candidates)) {
            return "a twin is known and the given name could be either's";
        }
        Level born = score.level(Field.BIRTH_DATE);
        if (born == Level.EXACT) {
            return null;
        }
        // A day-month swap or a day out with both names the same is the child: no brother, sister or cousin of the same
        // names is born the next day or on the swapped date. A digit wrong is not: a namesake born a week, a month or a
        // year later is one digit away.
        Level family = score.level(Field.FAMILY_NAME);
        if ((born == Level.SWAPPED || born == Level.ONE_DAY) && (given == Level.EXACT || given == Level.NICKNAME)
                && (family == Level.EXACT || family == Level.PART)) {
            return null;
        }
        return born == Level.UNKNOWN ? "no birth date to compare" : "the birth date differs (" + born.name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' ') + ")";
    }

    /**
     * Another candidate born the same day with the family name and whose given name also fits the query (is not
     * DIFFERENT) while the query's is not exactly the candidate's: the query could be either twin. A nickname or a
     * slip that fits only one twin picks that twin.
     */
    private static boolean twinAlsoFits(Candidate best, List<Candidate> candidates) {
        for (Candidate other : candidates) {
            if (other != best && other.known().birthDate() != null && other.known().birthDate().equals(best.known().birthDate())
                    && ChildComparator.family(best.known().familyNames(), other.known().familyNames()) == Level.EXACT
                    && other.score().level(Field.GIVEN_NAME) != Level.DIFFERENT) {
                return true;
            }
        }
        return false;
    }
}
