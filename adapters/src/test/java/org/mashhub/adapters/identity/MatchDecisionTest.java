package org.mashhub.adapters.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mashhub.adapters.identity.MatchDecision.Candidate;
import org.mashhub.adapters.identity.MatchDecision.Decision;
import org.mashhub.adapters.identity.MatchDecision.Outcome;
import org.mashhub.schemas.events.Address;
import org.mashhub.schemas.events.ChildSubject;
import org.mashhub.schemas.events.Identifier;
import org.mashhub.schemas.events.PersonName;

/**
 * The matching rules on made-up children, with the shipped model: what must link, what must go to a person, and
 * what must never link. Term frequencies are unknown here (an index below 10,000 children): every name weighs the
 * average.
 */
class MatchDecisionTest {

    static final MatchWeights WEIGHTS = MatchWeights.defaults();
    static final LocalDate BORN = LocalDate.of(2015, 4, 19);

    final ChildDescription lily = child("Lily Mae", "Madeupson", BORN, "female", "EX2 8ZZ");

    @Test
    void theSameChildAsAnotherAgencyWroteItDownIsAMatch() {
        assertThat(decide(child("Lily", "Madeupson", BORN, "female", "EX2 8ZZ"), lily).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(decide(child("Lilly", "Madeupson", BORN, null, "EX2 8ZZ"), lily).outcome()).isEqualTo(Outcome.MATCH);
    }

    @Test
    void aNicknameIsTheSameGivenName() {
        ChildDescription william = child("William", "Fictionby", BORN, "male", "PL19 9ZZ");
        Candidate bill = MatchDecision.score("w", child("Bill", "Fictionby", BORN, "male", "PL19 9ZZ"), william, WEIGHTS);

        assertThat(bill.score().level(Field.GIVEN_NAME)).isEqualTo(Level.NICKNAME);
        assertThat(decide(child("Bill", "Fictionby", BORN, "male", "PL19 9ZZ"), william).outcome()).isEqualTo(Outcome.MATCH);
    }

    @Test
    void namesAreGradedBySlipsOfTheKeyboardAndOtherSpellings() {
        assertThat(ChildComparator.spelling("olivia", "olivai")).as("transposed").isEqualTo(Level.TYPO);
        assertThat(ChildComparator.spelling("penelope", "penelooe")).as("a key next to it").isEqualTo(Level.TYPO);
        assertThat(ChildComparator.spelling("harrison", "harison")).as("a dropped letter").isEqualTo(Level.TYPO);
        assertThat(ChildComparator.spelling("bonnie", "bonnnie")).as("a doubled letter").isEqualTo(Level.TYPO);
        assertThat(ChildComparator.spelling("mohammed", "muhammad")).as("another spelling").isEqualTo(Level.SIMILAR);
        assertThat(ChildComparator.spelling("sebastian", "srbastain")).as("two slips").isEqualTo(Level.SIMILAR);
        assertThat(ChildComparator.spelling("ava", "eva")).as("two short names, not a slip").isEqualTo(Level.DIFFERENT);
        assertThat(ChildComparator.family(List.of("smith jones"), List.of("jones smith"))).as("reversed").isEqualTo(Level.EXACT);
    }

    @Test
    void aChangedSurnameKnownAsAPreviousNameStillMatchesAndAHyphenatedOneIsAPart() {
        ChildDescription known = new ChildDescription(List.of("ava"), List.of("samplewood", "exampleton"), BORN, "female",
                Set.of("EX49ZZ"), Set.of(), Set.of());

        assertThat(decide(child("Ava", "Exampleton", BORN, "female", "EX4 9ZZ"), known).outcome()).isEqualTo(Outcome.MATCH);
        Candidate hyphenated = MatchDecision.score("a", child("Ava", "Samplewood-Jones", BORN, "female", "EX4 9ZZ"), known, WEIGHTS);
        assertThat(hyphenated.score().level(Field.FAMILY_NAME)).isEqualTo(Level.PART);
        assertThat(decide(child("Ava", "Samplewood-Jones", BORN, "female", "EX4 9ZZ"), known).outcome()).isEqualTo(Outcome.MATCH);
    }

    @Test
    void aDayMonthSwapOrADayOutWithBothNamesTheSameIsTheChildButADigitWrongIsForAPerson() {
        ChildDescription swapped = child("Lily", "Madeupson", LocalDate.of(2015, 9, 4), "female", "EX2 8ZZ");
        ChildDescription known = child("Lily", "Madeupson", LocalDate.of(2015, 4, 9), "female", "EX2 8ZZ");
        ChildDescription dayOut = child("Lily", "Madeupson", BORN.plusDays(1), "female", null);
        ChildDescription digit = child("Lily", "Madeupson", LocalDate.of(2016, 4, 19), "female", "EX2 8ZZ");

        assertThat(level(swapped, known, Field.BIRTH_DATE)).isEqualTo(Level.SWAPPED);
        assertThat(level(dayOut, lily, Field.BIRTH_DATE)).isEqualTo(Level.ONE_DAY);
        assertThat(level(digit, lily, Field.BIRTH_DATE)).isEqualTo(Level.ONE_DIGIT);
        assertThat(decide(swapped, known).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(decide(dayOut, lily).outcome()).isEqualTo(Outcome.MATCH);
        Decision oneDigit = decide(digit, lily);
        assertThat(oneDigit.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(oneDigit.reason()).contains("birth date differs");
    }

    @Test
    void namesakesAtOneAddressWithDifferentBirthDatesAreNeverMatched() {
        for (LocalDate other : List.of(BORN.plusWeeks(1), BORN.minusWeeks(1), BORN.plusMonths(1), BORN.minusYears(1), BORN.plusYears(3),
                BORN.minusYears(6))) {
            Decision decision = decide(child("Lily", "Madeupson", other, "female", "EX2 8ZZ"), lily);
            assertThat(decision.outcome()).as("born " + other).isNotEqualTo(Outcome.MATCH);
        }
        // Years apart and more than a digit: another child, not a question for a person.
        assertThat(decide(child("Lily", "Madeupson", BORN.plusYears(5), "female", "EX2 8ZZ"), lily).outcome()).isEqualTo(Outcome.NO_MATCH);
    }

    @Test
    void twinsAreNeverMerged() {
        ChildDescription theo = child("Theo", "Madeupson", BORN, "male", "EX2 8ZZ");
        ChildDescription leo = child("Leo", "Madeupson", BORN, "male", "EX2 8ZZ");

        // Leo's record arrives while only Theo is known: not Theo, whatever else agrees.
        assertThat(decide(leo, theo).outcome()).isNotEqualTo(Outcome.MATCH);
        // Both known: each query goes to its own twin, a slip of one twin's name to that twin.
        assertThat(decideAmong(theo, theo, leo).chosen().hubChildId()).isEqualTo("0");
        assertThat(decideAmong(leo, theo, leo).chosen().hubChildId()).isEqualTo("1");
        Decision thoe = decideAmong(child("Thoe", "Madeupson", BORN, "male", "EX2 8ZZ"), theo, leo);
        assertThat(thoe.outcome()).isEqualTo(Outcome.MATCH);
        assertThat(thoe.chosen().hubChildId()).isEqualTo("0");
        // A name that could be either twin's is for a person.
        ChildDescription ella = child("Ella", "Madeupson", BORN, "female", "EX2 8ZZ");
        ChildDescription ellie = child("Ellie", "Madeupson", BORN, "female", "EX2 8ZZ");
        assertThat(decideAmong(child("Elle", "Madeupson", BORN, "female", "EX2 8ZZ"), ella, ellie).outcome()).isEqualTo(Outcome.REVIEW);
    }

    @Test
    void twoCandidatesThatFitEquallyShareTheProbability() {
        ChildDescription first = child("Noah", "Madeupson", BORN, "male", null);
        ChildDescription second = child("Noah", "Madeupson", BORN, "male", null);

        Decision decision = decideAmong(child("Noah", "Madeupson", BORN, "male", null), first, second);
        assertThat(decision.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(decision.candidates().get(0).probability()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void aSiblingOrANamesakeElsewhereIsNotAMatch() {
        ChildDescription sibling = child("Noah", "Madeupson", LocalDate.of(2018, 1, 30), "male", "EX2 8ZZ");
        ChildDescription namesake = child("Lily", "Madeupson", LocalDate.of(2011, 6, 2), "female", "TQ1 9ZZ");

        assertThat(decide(sibling, lily).outcome()).isEqualTo(Outcome.NO_MATCH);
        assertThat(decide(namesake, lily).outcome()).isEqualTo(Outcome.NO_MATCH);
    }

    @Test
    void twoDifferentValidNhsNumbersAreNeverOneChildButAMistypedOneIsNoEvidence() {
        ChildDescription known = describe("Kai", "Inventedley", BORN, "9434765919");

        Decision other = decide(describe("Kai", "Inventedley", BORN, "9434765870"), known);
        assertThat(other.outcome()).isNotEqualTo(Outcome.MATCH);
        assertThat(other.chosen().score().contributions()).filteredOn(c -> c.field() == Field.NHS_NUMBER)
                .singleElement().satisfies(c -> assertThat(c.weight()).isLessThan(-5));
        Candidate mistyped = MatchDecision.score("k", describe("Kai", "Inventedley", BORN, "9434765918"), known, WEIGHTS);
        assertThat(mistyped.score().level(Field.NHS_NUMBER)).isEqualTo(Level.UNKNOWN);
        assertThat(decide(describe("Kai", "Inventedley", BORN, "9434765918"), known).outcome()).isEqualTo(Outcome.MATCH);
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
    void aCommonNameAgreeingSaysLessThanARareOne() {
        TermFrequencies frequencies = new TermFrequencies() {
            @Override
            public double share(Field field, String value) {
                return value.equals("oliver") || value.equals("smith") ? 0.012 : 0.0001;
            }

            @Override
            public long children() {
                return 20_000;
            }
        };
        ChildDescription common = child("Oliver", "Smith", BORN, "male", null);
        ChildDescription rare = child("Barnaby", "Ashworth", BORN, "male", null);

        double commonWeight = MatchDecision.score("c", common, common, WEIGHTS, frequencies).score().total();
        double rareWeight = MatchDecision.score("r", rare, rare, WEIGHTS, frequencies).score().total();
        assertThat(rareWeight).isGreaterThan(commonWeight + 5);
    }

    @Test
    void blockingFindsTheChildDespiteTwoWrongFields() {
        Set<String> indexed = BlockingKeys.forIndex(lily);

        for (ChildDescription query : List.of(child("Lily", "Exampleton", BORN, null, null),
                child("Lily", "Madeupson", LocalDate.of(2015, 9, 4), null, null),
                child("Lil", "Madeupson", BORN.minusDays(1), null, null),
                child("Lily", "Otherwise", LocalDate.of(2016, 1, 1), null, "EX2 8ZZ"),
                child("Liyl", "Madeuspon", BORN, null, null),
                child("Kily", "Nadeupson", BORN, null, "EX2 1AB"),
                child("Lily", "Exampleton", BORN, null, "TQ1 9ZZ"),
                child("Lily", "Madeupson", LocalDate.of(2005, 4, 19), null, null),
                child("Lilu", "Madeupson", LocalDate.of(2015, 4, 29), null, null))) {
            assertThat(BlockingKeys.forQuery(query)).as(query.toString()).containsAnyElementsOf(indexed);
        }
    }

    private static Level level(ChildDescription query, ChildDescription known, Field field) {
        return MatchDecision.score("k", query, known, WEIGHTS).score().level(field);
    }

    private static Decision decide(ChildDescription query, ChildDescription known) {
        return decideAmong(query, known);
    }

    /** The candidates' ids are their places in {@code known}. */
    private static Decision decideAmong(ChildDescription query, ChildDescription... known) {
        List<Candidate> candidates = new java.util.ArrayList<>();
        for (int i = 0; i < known.length; i++) {
            candidates.add(MatchDecision.score(Integer.toString(i), query, known[i], WEIGHTS));
        }
        return MatchDecision.decide(query, candidates, WEIGHTS, TermFrequencies.UNKNOWN);
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
