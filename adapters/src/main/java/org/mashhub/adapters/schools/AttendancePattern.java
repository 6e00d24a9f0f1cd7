package org.mashhub.adapters.schools;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.mashhub.adapters.Envelope;
import org.mashhub.schemas.events.Agency;
import org.mashhub.schemas.events.AttendanceConcernData;
import org.mashhub.schemas.events.AttendanceConcernData.Concern;
import org.mashhub.schemas.events.ChildRecordEvent;
import org.mashhub.schemas.events.ChildSubject;
import org.mashhub.schemas.events.ConsentState;
import org.mashhub.schemas.events.DataCategory;
import org.mashhub.schemas.events.EventIds;
import org.mashhub.schemas.events.EventSource;
import org.mashhub.schemas.events.Identifier;
import org.mashhub.schemas.events.RecordType;
import org.mashhub.schemas.events.School;
import org.mashhub.schemas.events.Sharing;

/**
 * What a pupil's marks over a window of school days say: persistent absence (at least a number of
 * sessions missed, for any reason) and a pattern of a child possibly missing education (a run of
 * consecutive unexplained absences up to the latest mark; sessions that do not count, such as a school
 * closure, do not break the run).
 */
public final class AttendancePattern {

    private final int persistentAbsenceSessions;
    private final int possiblyMissingSessions;
    private final int windowDays;

    public AttendancePattern(int persistentAbsenceSessions, int possiblyMissingSessions, int windowDays) {
        this.persistentAbsenceSessions = persistentAbsenceSessions;
        this.possiblyMissingSessions = possiblyMissingSessions;
        this.windowDays = windowDays;
    }

    /** The first day of the window that ends on {@code windowTo}. */
    public LocalDate windowFrom(LocalDate windowTo) {
        return windowTo.minusDays(windowDays - 1L);
    }

    /**
     * @param marks one pupil's marks within the window, in order of date then session (AM before PM)
     * @return the concerns the marks show; none for most pupils
     */
    public List<AttendanceConcernData> evaluate(String schoolUrn, LocalDate windowTo, List<AttendanceMark> marks) {
        int possible = 0;
        int authorised = 0;
        int unauthorised = 0;
        LocalDate lastPresent = null;
        for (AttendanceMark mark : marks) {
            AttendanceCode code = mark.code();
            possible += code.possible() ? 1 : 0;
            authorised += code.meaning() == AttendanceCode.Meaning.AUTHORISED_ABSENCE ? 1 : 0;
            unauthorised += code.meaning() == AttendanceCode.Meaning.UNAUTHORISED_ABSENCE ? 1 : 0;
            if (code.attended()) {
                lastPresent = mark.date();
            }
        }
        int run = 0;
        for (int i = marks.size() - 1; i >= 0; i--) {
            AttendanceCode code = marks.get(i).code();
            if (code.unexplained()) {
                run++;
            } else if (code.possible()) {
                break;
            }
        }
        int missed = authorised + unauthorised;
        School school = new School(schoolUrn, null);
        LocalDate from = windowFrom(windowTo);
        List<AttendanceConcernData> concerns = new ArrayList<>();
        if (missed >= persistentAbsenceSessions) {
            concerns.add(new AttendanceConcernData(Concern.PERSISTENT_ABSENCE, school, from, windowTo, possible, missed,
                    authorised, unauthorised, run, lastPresent,
                    "persistent absence: " + persistentAbsenceSessions + " or more sessions missed in " + windowDays + " days"));
        }
        if (run >= possiblyMissingSessions) {
            concerns.add(new AttendanceConcernData(Concern.POSSIBLY_MISSING_EDUCATION, school, from, windowTo, possible, missed,
                    authorised, unauthorised, run, lastPresent,
                    "possibly missing education: " + possiblyMissingSessions + " or more consecutive sessions of unexplained absence"));
        }
        return concerns;
    }

    /** The concern as an ATTENDANCE_CONCERN record about the pupil, known by UPN only (attendance files carry no names). */
    public static ChildRecordEvent toEvent(String upn, AttendanceConcernData concern, Envelope envelope, String partnerMessageId) {
        ChildSubject child = new ChildSubject(null, List.of(new Identifier(Identifier.UPN, upn)), null, null, null, null,
                concern.school());
        return new ChildRecordEvent(EventIds.eventId(envelope.hubMessageId(), "ATTENDANCE_CONCERN:" + upn + ":" + concern.concern()),
                envelope.correlationId(), concern.windowTo().atStartOfDay(ZoneId.of("Europe/London")).toInstant(),
                envelope.receivedAt(), new EventSource(Agency.EDUCATION, envelope.partnerId(), partnerMessageId,
                envelope.hubMessageId(), upn), child, RecordType.ATTENDANCE_CONCERN, ChildRecordEvent.dataOf(concern),
                List.of(DataCategory.EDUCATION_ATTENDANCE), Sharing.publicTask(ConsentState.UNKNOWN), List.of());
    }
}
