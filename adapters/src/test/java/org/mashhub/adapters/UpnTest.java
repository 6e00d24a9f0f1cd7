package org.mashhub.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpnTest {

    @ParameterizedTest
    @ValueSource(strings = {"B801200005001", "P207000016049", "P878200015001", "L87820001703A"})
    void validUpnsPass(String upn) {
        assertThat(Upn.isValid(upn)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"A801200005001", "B207000016049", "B80120000500", "B8012000050011", "b801200005001",
            "X80120000A001", "B80120000500I", "", " B801200005001"})
    void wrongCheckLettersLengthsAndCharactersFail(String upn) {
        assertThat(Upn.isValid(upn)).isFalse();
    }
}
