package org.mashhub.schemas.events;

import java.time.LocalDate;

/**
 * The data of a {@link RecordType#ATTENDANCE_CONCERN} record: a pattern in a pupil's attendance marks over
 * a window of school days that crossed a configured threshold.
 */
public record AttendanceConcernData(Concern concern, School school, LocalDate windowFrom, LocalDate windowTo,
                                    int sessionsPossible, int sessionsMissed, Integer sessionsAuthorisedAbsence,
                                    Integer sessionsUnauthorisedAbsence, Integer consecutiveUnexplainedAbsences,
                                    LocalDate lastPresentOn, String rule) {

    public enum Concern {
        /** At least the configured number of sessions missed, for any reason, in the window. */
        PERSISTENT_ABSENCE,
        /** The configured number of consecutive sessions of unexplained absence up to the window's end. */
        POSSIBLY_MISSING_EDUCATION
    }
}
