package org.mashhub.adapters.schools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.events.ConsentState;
import org.mashhub.schemas.events.Rag;
import org.mashhub.schemas.events.ReferralEvent;

class SafeguardingConcernCsvTest {

    static final String HEADER = "concern_id,school_urn,upn,given_name,family_name,birth_date,year_group,concern_category,"
            + "concern_date,summary,action_taken,rag,consent,dsl_name,dsl_phone,dsl_email\n";

    final SafeguardingConcernCsv csv = new SafeguardingConcernCsv(SchoolExamples.CLOCK);

    @Test
    void everyExampleRowBecomesAValidReferral() {
        CollectedRows<SafeguardingConcern> rows = new CollectedRows<>();
        csv.read(SchoolExamples.stream(SchoolExamples.text("safeguarding-concerns.csv")), rows);

        assertThat(rows.problems).isEmpty();
        assertThat(rows.accepted.keySet()).containsExactly(2L, 3L, 4L);
        SafeguardingConcern lily = rows.accepted.get(2L);
        assertThat(lily.actionTaken()).startsWith("- Spoke to Lily").contains("\n- Operation Encompass");
        assertThat(lily.summary()).contains("\"mum's friend shouted and broke things\"");
        assertThat(lily.consent()).isEqualTo(ConsentState.NOT_SOUGHT);
        for (SafeguardingConcern concern : rows.accepted.values()) {
            ReferralEvent event = csv.toEvent(concern, SchoolExamples.envelope("concern:" + concern.concernId()), "concern:x");
            ReferralEvent linked = event.withChild(event.child().withHubChildId("00000000-0000-4000-8000-000000000004"));
            JsonNode json = CanonicalJson.mapper().valueToTree(linked);
            assertThat(linked.contract().validate(json)).as(json.toString()).isEmpty();
        }
        ReferralEvent noah = csv.toEvent(rows.accepted.get(4L), SchoolExamples.envelope("n"), "concern:n");
        assertThat(noah.concern().rag()).isEqualTo(Rag.RED);
        assertThat(noah.concern().riskOfSignificantHarm()).isTrue();
        assertThat(noah.referrer().role()).isEqualTo("Designated Safeguarding Lead");
        assertThat(noah.child().school().urn()).isEqualTo("113456");
        assertThat(noah.child().school().yearGroup()).isEqualTo("5");
    }

    @Test
    void aBadRowIsListedWithEveryProblemAndTheGoodRowsStillCount() {
        String file = HEADER
                + "C-1,113456,P878200015001,Lily,Madeupson,2015-04-19,6,neglect,2026-11-20,Summary,,,,A DSL,,\n"
                + "C-2,11345,A878200015001,Ava,Samplewood,2099-01-01,Year 5,bullying,2026-12-25,,,PURPLE,MAYBE,,,\n"
                + "C-3,113456,P878200015001,Old,Pupil,2000-01-01,13,neglect,2026-11-20,Summary,,,,A DSL,,\n"
                + "C-4,113456,P878200015001,Short,Row\n"
                + "C-5,113456,P878200015001,Lily,Madeupson,19/04/2015,6,neglect,20/11/2026,=HYPERLINK(\"http://x\"),,,,A DSL,,\n";
        CollectedRows<SafeguardingConcern> rows = new CollectedRows<>();

        csv.read(SchoolExamples.stream(file), rows);

        assertThat(rows.accepted.keySet()).containsExactly(2L, 6L);
        assertThat(rows.problemFields(3)).containsExactlyInAnyOrder("school_urn", "upn", "birth_date", "year_group",
                "concern_category", "concern_date", "summary", "rag", "consent", "dsl_name");
        assertThat(rows.problemFields(4)).containsExactly("birth_date");
        assertThat(rows.problemFields(5)).contains("");
        assertThat(rows.problems).filteredOn(p -> p.row() == 3 && p.field().equals("upn"))
                .extracting(RowProblem::value).containsExactly("A878200015001");
        assertThat(rows.problems).filteredOn(p -> p.field().equals("birth_date")).extracting(RowProblem::value).containsOnlyNulls();
        assertThat(rows.accepted.get(6L).summary()).isEqualTo("=HYPERLINK(\"http://x\")");
    }

    @Test
    void anUnknownOrMissingColumnRefusesTheFile() {
        FileRejectedException e = catchThrowableOfType(FileRejectedException.class, () -> csv.read(
                SchoolExamples.stream("concern_id,school_urn,upn,notes\nC-1,113456,P878200015001,x\n"), new CollectedRows<>()));

        assertThat(e.problems()).extracting(RowProblem::row).containsOnly(1L);
        assertThat(e.problems()).extracting(RowProblem::field).contains("notes", "given_name", "summary");
    }

    @Test
    void invalidUtf8RefusesTheFile() {
        byte[] bytes = (HEADER + "C-1,113456,P878200015001,L\u00e9a,X,2015-04-19,6,neglect,2026-11-20,S,,,,D,,\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        FileRejectedException e = catchThrowableOfType(FileRejectedException.class,
                () -> csv.read(new ByteArrayInputStream(bytes), new CollectedRows<>()));

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("UTF-8"));
    }
}
