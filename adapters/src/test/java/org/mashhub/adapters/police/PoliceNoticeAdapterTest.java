package org.mashhub.adapters.police;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mashhub.adapters.Envelope;
import org.mashhub.adapters.InvalidMessageException;
import org.mashhub.adapters.MappedMessage;
import org.mashhub.adapters.NotAChildException;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.Problem;
import org.mashhub.schemas.events.CanonicalEvent;
import org.mashhub.schemas.events.ChildRecordEvent;
import org.mashhub.schemas.events.ConsentState;
import org.mashhub.schemas.events.EventIds;
import org.mashhub.schemas.events.PoliceContactData;
import org.mashhub.schemas.events.Rag;
import org.mashhub.schemas.events.ReferralEvent;
import org.mashhub.schemas.police.Notice;

class PoliceNoticeAdapterTest {

    static final Path EXAMPLES = Path.of("..", "schemas", "police", "examples");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);

    final PoliceNoticeAdapter adapter = new PoliceNoticeAdapter(CLOCK);

    @ParameterizedTest
    @ValueSource(strings = {"domestic-abuse-two-children.xml", "missing-child.xml", "child-criminal-exploitation.xml"})
    void everyExampleGivesAReferralAndAPoliceContactPerChild(String example) throws IOException {
        Notice notice = adapter.parse(Files.readAllBytes(EXAMPLES.resolve(example)));
        MappedMessage mapped = adapter.toEvents(notice, envelope(notice.getNoticeId()));

        int children = notice.getChildren().getChild().size();
        assertThat(mapped.events()).hasSize(2 * children);
        assertThat(mapped.events()).filteredOn(e -> e instanceof ReferralEvent).hasSize(children);
        assertThat(mapped.events()).filteredOn(e -> e.kind().equals("POLICE_CONTACT")).hasSize(children);
        for (CanonicalEvent event : mapped.events()) {
            CanonicalEvent linked = event.withChild(event.child().withHubChildId("00000000-0000-4000-8000-000000000003"));
            JsonNode json = CanonicalJson.mapper().valueToTree(linked);
            assertThat(linked.contract().validate(json)).as(json.toString()).isEmpty();
        }
    }

    @Test
    void aHighRiskDomesticAbuseNoticeIsRedWithRiskOfSignificantHarmAndItsOverride() throws IOException {
        Notice notice = adapter.parse(Files.readAllBytes(EXAMPLES.resolve("domestic-abuse-two-children.xml")));
        List<CanonicalEvent> events = adapter.toEvents(notice, envelope(notice.getNoticeId())).events();

        ReferralEvent lily = (ReferralEvent) events.get(0);
        assertThat(lily.concern().categories()).containsExactly("domestic-abuse");
        assertThat(lily.concern().rag()).isEqualTo(Rag.RED);
        assertThat(lily.concern().riskOfSignificantHarm()).isTrue();
        assertThat(lily.concern().summary()).contains("domestic abuse, DASH high", "PPN-DC-2026-004512");
        assertThat(lily.child().school().urn()).isEqualTo("113456");
        assertThat(lily.sharing().consent()).isEqualTo(ConsentState.NOT_SOUGHT);
        assertThat(lily.sharing().override().reason()).contains("Operation Encompass");
        assertThat(lily.peopleInvolved()).extracting(p -> p.relationshipToChild())
                .containsExactly("mother (victim)", "mother's partner (suspect)", "another child at the incident");
        PoliceContactData contact = ((ChildRecordEvent) events.get(1)).dataAs(PoliceContactData.class);
        assertThat(contact.seenAndSpokenTo()).isTrue();
        assertThat(contact.dashRiskLevel()).isEqualTo("HIGH");
        assertThat(((ChildRecordEvent) events.get(3)).dataAs(PoliceContactData.class).seenAndSpokenTo()).isFalse();
    }

    @Test
    void everySchemaProblemIsListedWithItsPath() throws IOException {
        String broken = example("domestic-abuse-two-children.xml")
                .replace("<BirthDate>2022-08-02</BirthDate>", "<BirthDate>02/08/2022</BirthDate>")
                .replace("<Grading>RED</Grading>", "<Grading>PURPLE</Grading>")
                .replace("<CollarNumber>4821</CollarNumber>", "");

        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class, () -> adapter.parse(bytes(broken)));

        assertThat(e.kind()).isEqualTo(InvalidMessageException.Kind.INVALID);
        // each once: Xerces's follow-up "the value ... is not valid" for a date or an enumeration is not repeated
        assertThat(e.problems()).extracting(Problem::pointer).containsExactlyInAnyOrder(
                "/SubmitPublicProtectionNotice/Notice/Officer/Name",
                "/SubmitPublicProtectionNotice/Notice/Children/Child[2]/BirthDate",
                "/SubmitPublicProtectionNotice/Notice/Grading");
    }

    @Test
    void domesticAbuseNeedsItsDashLevelAndNoConsentNeedsAReason() throws IOException {
        String broken = example("domestic-abuse-two-children.xml")
                .replace("<DashRiskLevel>HIGH</DashRiskLevel>", "")
                .replaceFirst("(?s)<ReasonSharingNecessary>.*</ReasonSharingNecessary>", "");

        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class, () -> adapter.parse(bytes(broken)));

        assertThat(e.problems()).extracting(Problem::pointer).containsExactly(
                "/SubmitPublicProtectionNotice/Notice/DashRiskLevel",
                "/SubmitPublicProtectionNotice/Notice/Consent/ReasonSharingNecessary");
    }

    @Test
    void aNoticeAboutAnAdultIsRefused() throws IOException {
        String adult = example("missing-child.xml").replace("<BirthDate>2011-12-03</BirthDate>", "<BirthDate>2001-12-03</BirthDate>");

        NotAChildException e = catchThrowableOfType(NotAChildException.class, () -> adapter.parse(bytes(adult)));

        assertThat(e.problems()).extracting(Problem::pointer)
                .containsExactly("/SubmitPublicProtectionNotice/Notice/Children/Child/BirthDate");
    }

    @Test
    void anExternalEntityIsRefusedAndReadsNothing(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        String xxe = example("missing-child.xml").replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file://" + secret + "\">]>")
                .replace("PPN-DC-2026-004530", "&xxe;");

        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class, () -> adapter.parse(bytes(xxe)));

        assertThat(e.kind()).isEqualTo(InvalidMessageException.Kind.MALFORMED);
        assertThat(e.problems().toString()).doesNotContain("TOP-SECRET-CONTENT");
    }

    @Test
    void aBillionLaughsIsRefusedAtOnce() {
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        laughs.append("]><SubmitPublicProtectionNotice xmlns=\"urn:mash-hub:police:ppn:v1\">&lol9;</SubmitPublicProtectionNotice>");

        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class, () -> adapter.parse(bytes(laughs.toString())));

        assertThat(e.kind()).isEqualTo(InvalidMessageException.Kind.MALFORMED);
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "<SubmitPublicProtectionNotice xmlns=\"urn:mash-hub:police:ppn:v1\">" + "<a>".repeat(200) + "</a>".repeat(200)
                + "</SubmitPublicProtectionNotice>";

        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class, () -> adapter.parse(bytes(deep)));

        assertThat(e.kind()).isEqualTo(InvalidMessageException.Kind.MALFORMED);
    }

    private static Envelope envelope(String noticeId) {
        return new Envelope("police-test", EventIds.hubMessageId("police-test", noticeId), "test-correlation",
                Instant.parse("2026-11-22T12:00:00Z"));
    }

    private static String example(String name) throws IOException {
        return Files.readString(EXAMPLES.resolve(name));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
