package org.mashhub.schemas.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The data of a {@link RecordType#SCHOOL_ENROLMENT} record: a pupil joined, left or transferred between
 * schools (from a Common Transfer File), with the attendance the previous school recorded.
 */
public record SchoolEnrolmentData(Change change, School school, School destinationSchool, Destination destination,
                                  LocalDate entryDate,
                                  LocalDate leavingDate, Instant transferredAt, List<AttendanceYear> attendance) {

    public enum Change { JOINED, LEFT, TRANSFERRED }

    /** Where the pupil went; the DfE codes MMM, XXX and OOO say the destination is unknown, abroad, or no school. */
    public enum Destination { SCHOOL, UNKNOWN, ABROAD, OUT_OF_SCHOOL }

    public SchoolEnrolmentData {
        attendance = attendance == null ? List.of() : List.copyOf(attendance);
    }

    /** Sessions in one academic year (named by the calendar year it starts in). */
    public record AttendanceYear(int academicYear, int sessionsPossible, Integer sessionsAuthorisedAbsence,
                                 Integer sessionsUnauthorisedAbsence) {
    }
}
