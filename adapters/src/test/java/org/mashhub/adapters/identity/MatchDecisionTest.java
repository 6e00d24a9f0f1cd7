package org.mashhub.adapters.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mashhub.adapters.identity.MatchDecision.Candidate;
import org.mashhub.adapters.identity.MatchDecision.Outcome;
import org.mashhub.schemas.events.Address;
import org.mashhub.schemas.events.ChildSubject;
import org.mashhub.schemas.events.Identifier;
import org.mashhub.schemas.events.PersonName;

/** The matching rules on made-up children: what must link, what must go to a person, what must never link. */
class MatchDecisionTest {

    static final MatchWeights WEIGHTS = MatchWeights.defaults();
    static final LocalDate BORN = LocalDate.of(2015, 4, 9);
    /** The query for decisions whose query the test does not need (it only matters for the term frequencies). */
    static final ChildDescription QUERY = child("Someone", "Else", BORN, null, null);

    final ChildDescription lily = child("Lily Mae", "Madeupson", BORN, "female", "EX2 8ZZ");

    @Test
    void theSameChildAsAnotherAgencyWroteItDownIsAMatch() {
        assertThat(decide(child("Lily", "Madeupson", BORN, "female", "EX2 8ZZ"), lily).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(decide(child("Lilly", "Madeupson", BORN, null, null), lily).outcome()).isEqualTo(Outcome.MATCH);
    }

    @Test
    void aNicknameIsTheSameGivenName() {
        ChildDescription william = child("William", "Fictionby", BORN, "male", "PL19 9ZZ");
        Candidate bill = MatchDecision.score("w", child("Bill", "Fictionby", BORN, "male", "PL19 9ZZ"), william, WEIGHTS);

        assertThat(bill.score().level(Field.GIVEN_NAME)).isEqualTo(Level.NICKNAME);
        assertThat(MatchDecision.decide(QUERY, List.of(bill), WEIGHTS, TermFrequencies.UNKNOWN).outcome()).isEqualTo(Outcome.MATCH);
    }

    @Test
    void aChangedSurnameKnownAsAPreviousNameStillMatchesAndAHyphenatedOneIsAPart() {
        ChildDescription known = new ChildDescription(List.of("ava"), List.of("samplewood", "exampleton"), BORN, "female",
                java.util.Set.of("EX49ZZ"), java.util.Set.of(), java.util.Set.of());

        assertThat(decide(child("Ava", "Exampleton", BORN, "female", "EX4 9ZZ"), known).outcome()).isEqualTo(Outcome.MATCH);
        Candidate hyphenated = MatchDecision.score("a", child("Ava", "Samplewood-Jones", BORN, "female", "EX4 9ZZ"), known, WEIGHTS);
        assertThat(hyphenated.score().level(Field.FAMILY_NAME)).isEqualTo(Level.PART);
        assertThat(MatchDecision.decide(QUERY, List.of(hyphenated), WEIGHTS, TermFrequencies.UNKNOWN).outcome()).isEqualTo(Outcome.MATCH);
    }

    @Test
    void aDayAndMonthSwapOrADayOutIsNearlyTheSameBirthDate() {
        Candidate swapped = MatchDecision.score("l", child("Lily", "Madeupson", LocalDate.of(2015, 9, 4), "female", "EX2 8ZZ"),
                lily, WEIGHTS);
        Candidate dayOut = MatchDecision.score("l", child("Lily", "Madeupson", BORN.plusDays(1), "female", null), lily, WEIGHTS);

        assertThat(swapped.score().level(Field.BIRTH_DATE)).isEqualTo(Level.SWAPPED);
        assertThat(dayOut.score().level(Field.BIRTH_DATE)).isEqualTo(Level.ONE_DAY);
        assertThat(MatchDecision.decide(QUERY, List.of(swapped), WEIGHTS, TermFrequencies.UNKNOWN).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(MatchDecision.decide(QUERY, List.of(dayOut), WEIGHTS, TermFrequencies.UNKNOWN).outcome()).isEqualTo(Outcome.MATCH);
    }

    @Test
    void twinsAreNeverMerged() {
        ChildDescription theo = child("Theo", "Madeupson", BORN, "male", "EX2 8ZZ");
        ChildDescription leo = child("Leo", "Madeupson", BORN, "male", "EX2 8ZZ");

        // Leo's record arrives while only Theo is known: not Theo, whatever else agrees.
        assertThat(decide(leo, theo).outcome()).isNotEqualTo(Outcome.MATCH);
        // Both known: each query goes to its own twin.
        Candidate toTheo = MatchDecision.score("theo", theo, theo, WEIGHTS);
        Candidate toLeo = MatchDecision.score("leo", theo, leo, WEIGHTS);
        MatchDecision.Decision decision = MatchDecision.decide(QUERY, List.of(toLeo, toTheo), WEIGHTS, TermFrequencies.UNKNOWN);
        assertThat(decision.outcome()).isEqualTo(Outcome.MATCH);
        assertThat(decision.chosen().hubChildId()).isEqualTo("theo");
        // A misspelt twin's name is not enough to pick one of two known twins.
        Candidate misspeltTheo = MatchDecision.score("theo", child("Thoe", "Madeupson", BORN, "male", "EX2 8ZZ"), theo, WEIGHTS);
        Candidate misspeltLeo = MatchDecision.score("leo", child("Thoe", "Madeupson", BORN, "male", "EX2 8ZZ"), leo, WEIGHTS);
        assertThat(MatchDecision.decide(QUERY, List.of(misspeltTheo, misspeltLeo), WEIGHTS, TermFrequencies.UNKNOWN).outcome()).isNotEqualTo(Outcome.MATCH);
    }

    @Test
    void aSiblingOrANamesakeIsNotAMatch() {
        ChildDescription sibling = child("Noah", "Madeupson", LocalDate.of(2018, 1, 30), "male", "EX2 8ZZ");
        ChildDescription namesake = child("Lily", "Madeupson", LocalDate.of(2011, 6, 2), "female", "TQ1 9ZZ");

        assertThat(decide(sibling, lily).outcome()).isEqualTo(Outcome.NO_MATCH);
        assertThat(decide(namesake, lily).outcome()).isEqualTo(Outcome.NO_MATCH);
    }

    @Test
    void twoDifferentValidNhsNumbersAreNeverOneChildButAMistypedOneIsNoEvidence() {
        ChildDescription known = describe("Kai", "Inventedley", BORN, "9434765919");

        MatchDecision.Decision other = decide(describe("Kai", "Inventedley", BORN, "9434765870"), known);
        assertThat(other.outcome()).isNotEqualTo(Outcome.MATCH);
        assertThat(other.chosen().score().contributions()).filteredOn(c -> c.field() == Field.NHS_NUMBER)
                .singleElement().satisfies(c -> assertThat(c.weight()).isLessThan(-5));
        Candidate mistyped = MatchDecision.score("k", describe("Kai", "Inventedley", BORN, "9434765918"), known, WEIGHTS);
        assertThat(mistyped.score().level(Field.NHS_NUMBER)).isEqualTo(Level.UNKNOWN);
        assertThat(MatchDecision.decide(QUERY, List.of(mistyped), WEIGHTS, TermFrequencies.UNKNOWN).outcome()).isEqualTo(Outcome.MATCH);
    }

    @Test
    void everyResultShowsEachFieldsContribution() {
        Candidate candidate = MatchDecision.score("l", child("Lily", "Madeupson", BORN, "female", "EX2 9ZZ"), lily, WEIGHTS);

        assertThat(candidate.score().contributions()).extracting(MatchScore.Contribution::field).contains(Field.values());
        assertThat(candidate.score().level(Field.POSTCODE)).isEqualTo(Level.DISTRICT);
        assertThat(candidate.score().total()).isCloseTo(candidate.score().contributions().stream()
                .mapToDouble(MatchScore.Contribution::weight).sum(), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void blockingFindsTheChildDespiteOneWrongField() {
        java.util.Set<String> indexed = BlockingKeys.forIndex(lily);

        for (ChildDescription query : List.of(child("Lily", "Exampleton", BORN, null, null),
                child("Lily", "Madeupson", LocalDate.of(2015, 9, 4), null, null),
                child("Lil", "Madeupson", BORN.minusDays(1), null, null),
                child("Lily", "Otherwise", LocalDate.of(2016, 1, 1), null, "EX2 8ZZ"))) {
            assertThat(BlockingKeys.forQuery(query)).as(query.toString()).containsAnyElementsOf(indexed);
        }
    }

    private static MatchDecision.Decision decide(ChildDescription query, ChildDescription known) {
        return MatchDecision.decide(QUERY, List.of(MatchDecision.score("known", query, known, WEIGHTS)), WEIGHTS, TermFrequencies.UNKNOWN);
    }

    private static ChildDescription child(String given, String family, LocalDate born, String sex, String postcode) {
        return ChildDescription.of(new ChildSubject(null, List.of(), new PersonName(given, family, List.of()), born, sex,
                postcode == null ? null : new Address(List.of(), null, postcode, null, null, null), null));
    }

    private static ChildDescription describe(String given, String family, LocalDate born, String nhsNumber) {
        return ChildDescription.of(new ChildSubject(null, List.of(Identifier.nhsNumber(nhsNumber)),
                new PersonName(given, family, List.of()), born, null, null, null));
    }
}
