package org.mashhub.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mashhub.schemas.events.CanonicalEvent;

class ContractExamplesTest {

    static Stream<Path> eventExamples() throws IOException {
        return examples(Path.of("events", "examples"));
    }

    static Stream<Path> housingExamples() throws IOException {
        return examples(Path.of("housing", "examples"));
    }

    @ParameterizedTest
    @MethodSource("eventExamples")
    void everyEventExampleIsValidAndSurvivesTheJavaTypes(Path example) throws IOException {
        JsonNode json = CanonicalJson.mapper().readTree(example.toFile());

        CanonicalEvent event = CanonicalJson.mapper().treeToValue(json, CanonicalEvent.class);
        assertThat(event.contract().validate(json)).isEmpty();

        JsonNode roundTripped = CanonicalJson.mapper().valueToTree(event);
        assertThat(roundTripped).isEqualTo(json);
    }

    static Stream<Path> notificationExamples() throws IOException {
        return examples(Path.of("notifications", "examples"));
    }

    @ParameterizedTest
    @MethodSource("notificationExamples")
    void everyPartnerNotificationExampleIsValid(Path example) throws IOException {
        assertThat(JsonContract.PARTNER_NOTIFICATION_V1.validate(Files.readString(example))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("housingExamples")
    void everyHousingExampleIsValid(Path example) throws IOException {
        assertThat(JsonContract.HOUSING_NOTIFICATION_V1.validate(Files.readString(example))).isEmpty();
    }

    @Test
    void problemsPointAtEveryOffendingField() throws IOException {
        ObjectNode event = (ObjectNode) CanonicalJson.mapper()
                .readTree(Path.of("events", "examples", "referral-event.housing-concern.json").toFile());
        event.remove("correlationId");
        ((ObjectNode) event.get("child")).put("birthDate", "2017-02-30");
        ((ObjectNode) event.get("concern")).put("rag", "PURPLE");
        event.withArray("dataCategories").add("gossip");

        List<Problem> problems = JsonContract.REFERRAL_EVENT_V1.validate(event);

        assertThat(problems).extracting(Problem::pointer)
                .contains("/correlationId", "/child/birthDate", "/concern/rag", "/dataCategories/2");
    }

    @Test
    void childRecordDataIsCheckedAgainstItsRecordType() throws IOException {
        ObjectNode event = (ObjectNode) CanonicalJson.mapper()
                .readTree(Path.of("events", "examples", "child-record-event.housing-status.json").toFile());
        ((ObjectNode) event.get("data")).remove("caseReference");
        ((ObjectNode) event.get("data")).put("status", "SQUATTING");

        assertThat(JsonContract.CHILD_RECORD_EVENT_V1.validate(event)).extracting(Problem::pointer)
                .contains("/data/caseReference", "/data/status");
    }

    @Test
    void aNoticeCarriesTheHubChildIdAloneAndTheDataItsTypeDefines() throws IOException {
        ObjectNode event = (ObjectNode) CanonicalJson.mapper()
                .readTree(Path.of("events", "examples", "hub-notice-event.children-linked.json").toFile());
        ((ObjectNode) event.get("data")).remove("linkedHubChildId");
        ((ObjectNode) event.get("child")).put("birthDate", "2017-11-08").putObject("name").put("given", "Ruby");

        assertThat(JsonContract.HUB_NOTICE_EVENT_V1.validate(event)).extracting(Problem::pointer)
                .contains("/data/linkedHubChildId", "/child/birthDate", "/child/name");
    }

    private static Stream<Path> examples(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream();
    }
}
