package org.mashhub.adapters.schools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpreadsheetSafeTest {

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://x\")", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx", "\nx",
            "\uFF1DSUM(A1)", "\uFE66SUM(A1)", "\uFF0B1", "\uFF20x", " =1", "  \u3000=1", "\n=1", "\u00A0=1", "\u2212 1"})
    void whatASpreadsheetCouldReadAsAFormulaIsWrittenAsText(String cell) {
        assertThat(SpreadsheetSafe.cell(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Amelia", "2015-04-19", "A12345678901X", "a=b", "  ", "Year 5 - absent"})
    void otherCellsAreUnchanged(String cell) {
        assertThat(SpreadsheetSafe.cell(cell)).isEqualTo(cell);
    }
}
