package org.mashhub.adapters.schools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.events.CanonicalEvent;
import org.mashhub.schemas.events.ChildRecordEvent;
import org.mashhub.schemas.events.DemographicsData;
import org.mashhub.schemas.events.SchoolEnrolmentData;

class CommonTransferFileAdapterTest {

    final CommonTransferFileAdapter adapter = new CommonTransferFileAdapter(SchoolExamples.CLOCK);

    @Test
    void eachPupilBecomesAnEnrolmentAndDemographics() {
        CollectedRows<TransferredPupil> rows = read(SchoolExamples.text("ctf-transfer.xml"));

        assertThat(rows.problems).isEmpty();
        assertThat(rows.accepted).hasSize(2);
        List<CanonicalEvent> events = adapter.toEvents(rows.accepted.get(1L), SchoolExamples.envelope("ctf:1"), "ctf:1");
        assertThat(events).extracting(CanonicalEvent::kind).containsExactly("SCHOOL_ENROLMENT", "DEMOGRAPHICS");
        for (CanonicalEvent event : events) {
            CanonicalEvent linked = event.withChild(event.child().withHubChildId("00000000-0000-4000-8000-000000000006"));
            JsonNode json = CanonicalJson.mapper().valueToTree(linked);
            assertThat(linked.contract().validate(json)).as(json.toString()).isEmpty();
        }
        SchoolEnrolmentData enrolment = ((ChildRecordEvent) events.get(0)).dataAs(SchoolEnrolmentData.class);
        assertThat(enrolment.change()).isEqualTo(SchoolEnrolmentData.Change.TRANSFERRED);
        assertThat(enrolment.school().laEstab()).isEqualTo("8782000");
        assertThat(enrolment.school().yearGroup()).isEqualTo("7");
        assertThat(enrolment.destinationSchool().urn()).isEqualTo("140321");
        assertThat(enrolment.attendance()).hasSize(2);
        DemographicsData demographics = ((ChildRecordEvent) events.get(1)).dataAs(DemographicsData.class);
        assertThat(demographics.name().other()).containsExactly("Mimi", "Exampleton");
        assertThat(demographics.contacts()).extracting(c -> c.relationship()).containsExactly("parent", "grandparent");
        assertThat(demographics.address().lines()).containsExactly("7 Imaginary Close");
    }

    /** A full export from a school information system: what the hub reads is read, the rest left aside and named. */
    @Test
    void aFullExportIsReadAndWhatTheHubDoesNotTakeIsNamed() {
        CollectedRows<TransferredPupil> rows = new CollectedRows<>();

        java.util.SortedSet<String> leftAside = adapter.read(SchoolExamples.text("ctf-full-export.xml").getBytes(StandardCharsets.UTF_8), rows);

        assertThat(rows.problems).isEmpty();
        assertThat(rows.accepted).hasSize(2);
        assertThat(leftAside).contains("UCI", "FSMhistory", "NAWdetails", "LookedAfter", "SENhistory", "StageAssessments",
                "AttendanceMarks", "Ethnicity", "Languages", "DataQualifier").doesNotContain("UniqueLearnerNumber", "Contacts");
        assertThat(rows.accepted.get(1L).toString()).doesNotContain("WBRI", "104");
    }

    /** Left aside is not let off: in a full export, what the hub reads is checked as strictly as ever. */
    @Test
    void aFullExportsPupilWithABadBirthDateIsStillRefused() {
        CollectedRows<TransferredPupil> rows = read(SchoolExamples.text("ctf-full-export.xml").replace("<DOB>2014-11-02</DOB>", "<DOB>2014-11-31</DOB>"));

        assertThat(rows.accepted).containsOnlyKeys(1L);
        assertThat(rows.problems).extracting(RowProblem::row, RowProblem::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "/CTfile/CTFpupilData/Pupil[2]/DOB"));
    }

    @Test
    void aPupilGoneToAnUnknownDestinationIsKeptAsSuch() {
        CollectedRows<TransferredPupil> rows = read(SchoolExamples.text("ctf-missing-pupil.xml"));

        SchoolEnrolmentData enrolment = ((ChildRecordEvent) adapter.toEvents(rows.accepted.get(1L),
                SchoolExamples.envelope("ctf:2"), "ctf:2").get(0)).dataAs(SchoolEnrolmentData.class);
        assertThat(enrolment.change()).isEqualTo(SchoolEnrolmentData.Change.LEFT);
        assertThat(enrolment.destination()).isEqualTo(SchoolEnrolmentData.Destination.UNKNOWN);
        assertThat(enrolment.destinationSchool()).isNull();
    }

    @Test
    void aBadPupilIsRefusedAloneWithItsLocation() {
        String ctf = SchoolExamples.text("ctf-transfer.xml")
                .replace("<UPN>P878200018033</UPN>", "<UPN>A878200018033</UPN>")
                .replace("<DOB>2014-11-02</DOB>", "<DOB>2014-11-31</DOB>");

        CollectedRows<TransferredPupil> rows = read(ctf);

        assertThat(rows.accepted.keySet()).containsExactly(1L);
        assertThat(rows.problemFields(2)).containsOnly("/CTfile/CTFpupilData/Pupil[2]/DOB", "/CTfile/CTFpupilData/Pupil[2]/UPN")
                .contains("/CTfile/CTFpupilData/Pupil[2]/UPN");
    }

    @Test
    void aBadUpnIsRefusedWithItsValue() {
        CollectedRows<TransferredPupil> rows = read(SchoolExamples.text("ctf-transfer.xml")
                .replace("<UPN>P878200018033</UPN>", "<UPN>A878200018033</UPN>"));

        assertThat(rows.problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("/CTfile/CTFpupilData/Pupil[2]/UPN");
            assertThat(p.value()).isEqualTo("A878200018033");
        });
    }

    @Test
    void aBrokenHeaderOrADtdRefusesTheFile() {
        FileRejectedException header = catchThrowableOfType(FileRejectedException.class, () -> read(
                SchoolExamples.text("ctf-transfer.xml").replace("<DocumentQualifier>partial", "<DocumentQualifier>some")));
        assertThat(header.problems()).extracting(RowProblem::field).containsOnly("/CTfile/Header/DocumentQualifier");

        FileRejectedException dtd = catchThrowableOfType(FileRejectedException.class, () -> read(
                SchoolExamples.text("ctf-transfer.xml").replace("<CTfile>", "<!DOCTYPE CTfile [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><CTfile>")));
        assertThat(dtd.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("DTD"));
    }

    private CollectedRows<TransferredPupil> read(String xml) {
        CollectedRows<TransferredPupil> rows = new CollectedRows<>();
        adapter.read(xml.getBytes(StandardCharsets.UTF_8), rows);
        return rows;
    }
}
