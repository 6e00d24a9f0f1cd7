package org.mashhub.adapters.schools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.events.AttendanceConcernData;
import org.mashhub.schemas.events.AttendanceConcernData.Concern;
import org.mashhub.schemas.events.ChildRecordEvent;

class AttendanceTest {

    static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 20);

    final AttendanceCsv csv = new AttendanceCsv(SchoolExamples.CLOCK);
    final AttendancePattern pattern = new AttendancePattern(10, 20, 28);

    @Test
    void theFourWeekExampleShowsOnePersistentAbsenceAndOneChildPossiblyMissingEducation() {
        CollectedRows<AttendanceMark> rows = new CollectedRows<>();
        csv.read(SchoolExamples.stream(SchoolExamples.text("attendance-four-weeks.csv")), rows);
        assertThat(rows.problems).isEmpty();
        assertThat(rows.accepted).hasSize(200);

        Map<String, List<AttendanceConcernData>> concerns = concernsByPupil(rows.accepted.values().stream().toList());

        assertThat(concerns.get("N878200016011")).extracting(AttendanceConcernData::concern).containsExactly(Concern.PERSISTENT_ABSENCE);
        assertThat(concerns.get("N878200016011").get(0).sessionsMissed()).isEqualTo(13);
        assertThat(concerns.get("C878200016012")).extracting(AttendanceConcernData::concern)
                .containsExactly(Concern.PERSISTENT_ABSENCE, Concern.POSSIBLY_MISSING_EDUCATION);
        AttendanceConcernData noah = concerns.get("C878200016012").get(1);
        assertThat(noah.consecutiveUnexplainedAbsences()).isEqualTo(20);
        assertThat(noah.lastPresentOn()).isEqualTo(LocalDate.of(2026, 11, 6));
        assertThat(noah.windowFrom()).isEqualTo(LocalDate.of(2026, 10, 24));
        assertThat(concerns.get("P878200015001")).isEmpty();
        assertThat(concerns.get("Q878200014020")).isEmpty();
        assertThat(concerns.get("J878200022004")).isEmpty();

        ChildRecordEvent event = AttendancePattern.toEvent("C878200016012", noah, SchoolExamples.envelope("a"), "attendance:x");
        ChildRecordEvent linked = event.withChild(event.child().withHubChildId("00000000-0000-4000-8000-000000000005"));
        JsonNode json = CanonicalJson.mapper().valueToTree(linked);
        assertThat(linked.contract().validate(json)).as(json.toString()).isEmpty();
    }

    @Test
    void aSchoolClosureDoesNotBreakARunOfUnexplainedAbsenceButAttendingDoes() {
        List<AttendanceMark> marks = List.of(mark(1, "N"), mark(2, "#"), mark(3, "O"), mark(4, "N"));
        assertThat(pattern.evaluate("113456", LAST_DAY, marks)).isEmpty();
        AttendancePattern strict = new AttendancePattern(10, 3, 28);
        assertThat(strict.evaluate("113456", LAST_DAY, marks)).extracting(AttendanceConcernData::concern)
                .containsExactly(Concern.POSSIBLY_MISSING_EDUCATION);
        assertThat(strict.evaluate("113456", LAST_DAY, List.of(mark(1, "N"), mark(2, "N"), mark(3, "/"), mark(4, "N")))).isEmpty();
    }

    @Test
    void badMarksAreListedByRow() {
        String file = "school_urn,upn,session_date,session,mark\n"
                + "113456,P878200015001,2026-11-20,AM,/\n"
                + "113456,P878200015001,2026-11-20,EVENING,W\n"
                + "113456,P878200015001,2099-11-20,PM,=1+1\n";
        CollectedRows<AttendanceMark> rows = new CollectedRows<>();

        csv.read(SchoolExamples.stream(file), rows);

        assertThat(rows.accepted).hasSize(1);
        assertThat(rows.problemFields(3)).containsExactly("session", "mark");
        assertThat(rows.problemFields(4)).containsExactly("session_date", "mark");
        assertThat(rows.problems).filteredOn(p -> p.row() == 4 && p.field().equals("mark")).extracting(RowProblem::value)
                .containsExactly("=1+1");
        assertThat(ErrorReport.csv(rows.problems)).contains(",'=1+1,").doesNotContain(",=1+1,");
    }

    private Map<String, List<AttendanceConcernData>> concernsByPupil(List<AttendanceMark> marks) {
        return marks.stream().collect(Collectors.groupingBy(AttendanceMark::upn)).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> pattern.evaluate("113456", LAST_DAY, e.getValue().stream()
                        .filter(m -> !m.date().isBefore(pattern.windowFrom(LAST_DAY)))
                        .sorted(Comparator.comparing(AttendanceMark::date).thenComparing(AttendanceMark::session)).toList())));
    }

    private static AttendanceMark mark(int session, String code) {
        return new AttendanceMark("113456", "P878200015001", LAST_DAY.minusDays(4 - session), AttendanceMark.Session.AM,
                AttendanceCode.ofMark(code));
    }
}
