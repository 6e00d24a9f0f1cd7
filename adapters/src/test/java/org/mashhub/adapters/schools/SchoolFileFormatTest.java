package org.mashhub.adapters.schools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchoolFileFormatTest {

    @ParameterizedTest
    @CsvSource({
            "safeguarding-concerns.csv, SAFEGUARDING_CONCERNS",
            "attendance-daily.csv, ATTENDANCE",
            "attendance-four-weeks.csv, ATTENDANCE",
            "ctf-transfer.xml, COMMON_TRANSFER_FILE",
            "ctf-missing-pupil.xml, COMMON_TRANSFER_FILE"})
    void everyExampleIsRecognised(String example, SchoolFileFormat format) {
        assertThat(SchoolFileFormat.detect(SchoolExamples.text(example).getBytes(StandardCharsets.UTF_8))).isEqualTo(format);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"name,address", "%PDF-1.7", "''"})
    void anythingElseIsNot(String content) {
        assertThat(SchoolFileFormat.detect(content.getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
