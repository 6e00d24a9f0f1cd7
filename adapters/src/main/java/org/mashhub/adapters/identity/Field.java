package org.mashhub.adapters.identity;

import java.util.List;

/** The fields the matcher compares, each with its comparison levels, most alike first. */
public enum Field {
    GIVEN_NAME(List.of(Level.EXACT, Level.NICKNAME, Level.TYPO, Level.SIMILAR, Level.DIFFERENT)),
    FAMILY_NAME(List.of(Level.EXACT, Level.PART, Level.TYPO, Level.SIMILAR, Level.DIFFERENT)),
    BIRTH_DATE(List.of(Level.EXACT, Level.SWAPPED, Level.ONE_DAY, Level.ONE_DIGIT, Level.DIFFERENT)),
    SEX(List.of(Level.EXACT, Level.DIFFERENT)),
    POSTCODE(List.of(Level.EXACT, Level.DISTRICT, Level.DIFFERENT)),
    /** Two different valid NHS Numbers: strong evidence of two children. */
    NHS_NUMBER(List.of(Level.EXACT, Level.DIFFERENT)),
    /** Different UPNs: some evidence (a pupil's UPN can change, from temporary to permanent). */
    UPN(List.of(Level.EXACT, Level.DIFFERENT));

    private final List<Level> levels;

    Field(List<Level> levels) {
        this.levels = levels;
    }

    public List<Level> levels() {
        return levels;
    }

    /** The fields whose exact agreement is weighed by how common the value is (term frequency). */
    public boolean termFrequencyAdjusted() {
        return this == GIVEN_NAME || this == FAMILY_NAME || this == POSTCODE;
    }
}
