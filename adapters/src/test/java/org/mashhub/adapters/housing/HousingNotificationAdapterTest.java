package org.mashhub.adapters.housing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mashhub.adapters.Envelope;
import org.mashhub.adapters.InvalidMessageException;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.Problem;
import org.mashhub.schemas.events.AddressChangeData;
import org.mashhub.schemas.events.CanonicalEvent;
import org.mashhub.schemas.events.ChildRecordEvent;
import org.mashhub.schemas.events.ConsentState;
import org.mashhub.schemas.events.EventIds;
import org.mashhub.schemas.events.HousingStatusData;
import org.mashhub.schemas.events.Identifier;
import org.mashhub.schemas.events.PersonInvolved;
import org.mashhub.schemas.events.Rag;
import org.mashhub.schemas.events.RecordType;
import org.mashhub.schemas.events.ReferralEvent;

class HousingNotificationAdapterTest {

    static final Path EXAMPLES = Path.of("..", "schemas", "housing", "examples");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);

    final HousingNotificationAdapter adapter = new HousingNotificationAdapter(CLOCK);

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleMapsToSchemaValidEventsOnceAChildIsLinked(Path example) throws IOException {
        List<CanonicalEvent> events = map(Files.readAllBytes(example));

        assertThat(events).isNotEmpty();
        for (CanonicalEvent event : events) {
            CanonicalEvent linked = event.withChild(event.child().withHubChildId(UUID.randomUUID().toString()));
            JsonNode json = CanonicalJson.mapper().valueToTree(linked);
            assertThat(linked.contract().validate(json)).as(event.kind() + " " + json).isEmpty();
        }
    }

    @Test
    void dutyToReferGivesAHousingStatusForEachChildWithTheirIdentifiers() throws IOException {
        List<CanonicalEvent> events = map(example("duty-to-refer.json"));

        assertThat(events).hasSize(2).allSatisfy(e -> {
            assertThat(e).isInstanceOf(ChildRecordEvent.class);
            assertThat(((ChildRecordEvent) e).recordType()).isEqualTo(RecordType.HOUSING_STATUS);
            assertThat(e.sharing().consent()).isEqualTo(ConsentState.GIVEN);
            assertThat(e.source().reference()).isEqualTo("EXE/HPR/2026/0412");
        });
        assertThat(events.get(0).child().identifiers()).containsExactly(
                Identifier.nhsNumber("9993395633"),
                Identifier.partnerLocal("housing-demo", "household-member", "EXE/HPR/2026/0412#m2"));
        assertThat(events.get(1).child().identifiers()).containsExactly(
                Identifier.partnerLocal("housing-demo", "household-member", "EXE/HPR/2026/0412#m3"));
        HousingStatusData data = ((ChildRecordEvent) events.get(0)).dataAs(HousingStatusData.class);
        assertThat(data.status()).isEqualTo(HousingStatusData.Status.DUTY_TO_REFER);
        assertThat(data.districtCouncil()).isEqualTo("Exeter City Council");
    }

    @Test
    void temporaryAccommodationOutOfDistrictSaysWhereTheChildNowLives() throws IOException {
        ChildRecordEvent event = (ChildRecordEvent) map(example("temporary-accommodation-out-of-district.json")).get(0);

        HousingStatusData data = event.dataAs(HousingStatusData.class);
        assertThat(data.status()).isEqualTo(HousingStatusData.Status.TEMPORARY_ACCOMMODATION);
        assertThat(data.temporaryAccommodation().outOfDistrict()).isTrue();
        assertThat(data.temporaryAccommodation().hostAuthority()).isEqualTo("Plymouth City Council");
        assertThat(event.child().address().postcode()).isEqualTo("PL1 9ZZ");
        assertThat(event.child().address().district()).isEqualTo("Plymouth");
    }

    @Test
    void aSafeguardingConcernBecomesAReferralForEachChild() throws IOException {
        List<CanonicalEvent> events = map(example("eviction-notice-with-safeguarding-concern.json"));

        assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOf(ReferralEvent.class));
        ReferralEvent ruby = (ReferralEvent) events.get(0);
        assertThat(ruby.child().name().given()).isEqualTo("Ruby");
        assertThat(ruby.child().name().other()).containsExactly("Ruby Placeholder");
        assertThat(ruby.concern().rag()).isEqualTo(Rag.AMBER);
        assertThat(ruby.concern().categories()).containsExactly("housing");
        assertThat(ruby.concern().summary()).contains("eviction notice (SECTION_8)", "North Devon Council");
        assertThat(ruby.concern().detail()).startsWith("At the home visit");
        assertThat(ruby.sharing().consent()).isEqualTo(ConsentState.NOT_SOUGHT);
        assertThat(ruby.referrer().organisation()).isEqualTo("North Devon Council");
        // the adults, not the sibling: the sibling has a referral of their own
        assertThat(ruby.peopleInvolved()).extracting(PersonInvolved::relationshipToChild)
                .containsExactly("parent or carer (housing applicant)", "household member (partner of the applicant)");
    }

    @Test
    void aMoveIsAnAddressChangeFromThePreviousToTheNewAddress() throws IOException {
        ChildRecordEvent event = (ChildRecordEvent) map(example("household-move.json")).get(0);

        assertThat(event.recordType()).isEqualTo(RecordType.ADDRESS_CHANGE);
        AddressChangeData data = event.dataAs(AddressChangeData.class);
        assertThat(data.previousAddress().postcode()).isEqualTo("EX16 9ZZ");
        assertThat(data.newAddress().postcode()).isEqualTo("EX17 9ZZ");
        assertThat(data.movedOn()).hasToString("2026-11-21");
        assertThat(event.child().address().postcode()).isEqualTo("EX17 9ZZ");
    }

    @Test
    void aMoveWithAConcernKeepsBoth() throws IOException {
        ObjectNode json = exampleJson("household-move.json");
        json.putObject("safeguardingConcern").put("raised", true).put("details", "Child seen alone at night.");

        List<CanonicalEvent> events = map(CanonicalJson.mapper().writeValueAsBytes(json));

        assertThat(events).extracting(CanonicalEvent::kind).containsExactly("ADDRESS_CHANGE", ReferralEvent.TYPE);
    }

    @Test
    void unbornChildrenAreNotRecordsOfTheirOwn() throws IOException {
        List<CanonicalEvent> events = map(example("relief-duty-accepted.json"));

        assertThat(events).singleElement().satisfies(e -> assertThat(e.child().name().given()).isEqualTo("Oscar"));
    }

    @Test
    void theSameMessageGivesTheSameEventIds() throws IOException {
        byte[] body = example("duty-to-refer.json");
        Envelope first = envelope("housing-demo", "EXE-DTR-2026-000412");

        List<String> once = adapter.toEvents(adapter.parse(body), first).stream().map(CanonicalEvent::eventId).toList();
        List<String> again = adapter.toEvents(adapter.parse(body), first).stream().map(CanonicalEvent::eventId).toList();
        List<String> otherMessage = adapter.toEvents(adapter.parse(body), envelope("housing-demo", "another"))
                .stream().map(CanonicalEvent::eventId).toList();

        assertThat(once).hasSize(2).doesNotHaveDuplicates().isEqualTo(again).doesNotContainAnyElementsOf(otherMessage);
    }

    @Test
    void listsEveryProblemWithAPointer() throws IOException {
        ObjectNode json = exampleJson("duty-to-refer.json");
        ArrayNode members = (ArrayNode) json.get("household").get("members");
        ((ObjectNode) members.get(1)).put("nhsNumber", "9993395634");
        ((ObjectNode) members.get(1)).put("birthDate", "2027-01-01");
        ((ObjectNode) members.get(2)).remove("givenName");
        ((ObjectNode) json.get("addresses").get(0)).put("postcode", "NOT A POSTCODE");
        json.put("notificationType", "SQUAT");
        json.put("unexpected", true);

        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> adapter.parse(CanonicalJson.mapper().writeValueAsBytes(json)));

        assertThat(e.kind()).isEqualTo(InvalidMessageException.Kind.INVALID);
        assertThat(e.problems()).extracting(Problem::pointer).contains(
                "/household/members/1/nhsNumber",
                "/household/members/1/birthDate",
                "/household/members/2/givenName",
                "/addresses/0/postcode",
                "/notificationType",
                "/unexpected");
    }

    @Test
    void aHouseholdWithoutChildrenIsNotForTheMash() throws IOException {
        ObjectNode json = exampleJson("household-move.json");
        ((ArrayNode) json.get("household").get("members")).remove(1);

        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> adapter.parse(CanonicalJson.mapper().writeValueAsBytes(json)));

        assertThat(e.problems()).extracting(Problem::pointer).contains("/household/members");
    }

    @Test
    void aConcernRaisedNeedsItsDetails() throws IOException {
        ObjectNode json = exampleJson("household-move.json");
        json.putObject("safeguardingConcern").put("raised", true);

        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> adapter.parse(CanonicalJson.mapper().writeValueAsBytes(json)));

        assertThat(e.problems()).extracting(Problem::pointer).contains("/safeguardingConcern/details");
    }

    @Test
    void malformedBodiesAreRefusedBeforeTheSchema() {
        String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
        List<byte[]> bodies = List.of(
                new byte[0],
                "not json".getBytes(StandardCharsets.UTF_8),
                "[1,2]".getBytes(StandardCharsets.UTF_8),
                "{\"messageId\":\"a\",\"messageId\":\"b\"}".getBytes(StandardCharsets.UTF_8),
                "{} {}".getBytes(StandardCharsets.UTF_8),
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                deep.getBytes(StandardCharsets.UTF_8));

        for (byte[] body : bodies) {
            assertThatThrownBy(() -> adapter.parse(body))
                    .isInstanceOfSatisfying(InvalidMessageException.class,
                            e -> assertThat(e.kind()).isEqualTo(InvalidMessageException.Kind.MALFORMED));
        }
    }

    private List<CanonicalEvent> map(byte[] body) {
        HousingNotification n = adapter.parse(body);
        return adapter.toEvents(n, envelope(n.sender().partnerId(), n.messageId()));
    }

    private static Envelope envelope(String partnerId, String messageId) {
        return new Envelope(partnerId, EventIds.hubMessageId(partnerId, messageId), "test-correlation",
                Instant.parse("2026-11-22T12:00:00Z"));
    }

    private static byte[] example(String name) throws IOException {
        return Files.readAllBytes(EXAMPLES.resolve(name));
    }

    private static ObjectNode exampleJson(String name) throws IOException {
        return (ObjectNode) CanonicalJson.mapper().readTree(EXAMPLES.resolve(name).toFile());
    }
}
