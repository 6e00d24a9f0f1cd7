package org.mashhub.adapters.schools;

import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

/** Daily attendance files: each row, checked, is one session's mark for one pupil. */
public final class AttendanceCsv {

    static final Set<String> COLUMNS = Set.of("school_urn", "upn", "session_date", "session", "mark");
    private static final Set<String> SESSIONS = Set.of("AM", "PM");

    private final Clock clock;

    public AttendanceCsv(Clock clock) {
        this.clock = clock;
    }

    public void read(InputStream in, RowHandler<AttendanceMark> rows) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Europe/London")));
        Set<String> marks = AttendanceCode.marks();
        SchoolCsv.read(in, COLUMNS, Set.of(), row -> {
            String urn = row.urn("school_urn");
            String upn = row.upn("upn");
            LocalDate date = row.date("session_date", true, true);
            if (date != null && date.isAfter(today)) {
                row.problem("session_date", "is in the future");
            }
            String session = row.code("session", SESSIONS, true);
            String mark = row.code("mark", marks, true);
            if (row.valid()) {
                rows.accept(row.row(), new AttendanceMark(urn, upn, date, AttendanceMark.Session.valueOf(session),
                        AttendanceCode.ofMark(mark)));
            } else {
                rows.reject(row.row(), row.problems());
            }
        });
    }
}
