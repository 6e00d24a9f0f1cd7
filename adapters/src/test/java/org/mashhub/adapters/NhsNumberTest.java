package org.mashhub.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NhsNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"9434765919", "9993395633", "9999939082", "9990506310"})
    void acceptsNumbersWhoseCheckDigitMatches(String number) {
        assertThat(NhsNumber.isValid(number)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9434765918", "9434765910", "943476591", "94347659190", "943476591X", " 434765919", ""})
    void rejectsWrongCheckDigitsLengthsAndCharacters(String number) {
        assertThat(NhsNumber.isValid(number)).isFalse();
    }

    @Test
    void rejectsNumbersWhoseCheckDigitWouldBeTen() {
        // 000000006: sum 6*2=12, 12 mod 11 = 1, 11-1 = 10 -> no valid check digit exists
        for (char last = '0'; last <= '9'; last++) {
            assertThat(NhsNumber.isValid("000000006" + last)).isFalse();
        }
    }

    @Test
    void rejectsNull() {
        assertThat(NhsNumber.isValid(null)).isFalse();
    }
}
