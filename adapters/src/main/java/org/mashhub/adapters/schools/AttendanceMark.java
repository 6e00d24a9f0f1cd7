package org.mashhub.adapters.schools;

import java.time.LocalDate;

/** One session's mark for one pupil (format (b) in {@code schemas/schools/README.md}). */
public record AttendanceMark(String schoolUrn, String upn, LocalDate date, Session session, AttendanceCode code) {

    public enum Session { AM, PM }
}
