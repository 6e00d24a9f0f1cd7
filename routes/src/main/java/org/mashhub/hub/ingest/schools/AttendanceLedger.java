package org.mashhub.hub.ingest.schools;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.mashhub.adapters.schools.AttendanceCode;
import org.mashhub.adapters.schools.AttendanceMark;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pupils' attendance marks as the latest file gave them, and the attendance concerns already raised. The
 * rolling-window checks read both; nothing here is sent to the case system.
 */
@Component
class AttendanceLedger {

    /** A pupil's marks in a window, for the pattern check. */
    record PupilWindow(String upn, String schoolUrn, List<AttendanceMark> marks) {
    }

    private static final String MISSED = codes(AttendanceCode::missed);
    private static final String UNEXPLAINED = codes(AttendanceCode::unexplained);

    private final JdbcTemplate jdbc;

    AttendanceLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a batch of marks in one transaction; a pupil's later mark for the same session replaces the earlier. */
    @Transactional
    void store(List<AttendanceMark> marks, String partnerId, String fileId) {
        // Delete then insert, both by primary key: the same statements on H2 and PostgreSQL, and fast on both
        // (H2 runs a standard MERGE ... USING as a scan).
        jdbc.batchUpdate("delete from school_attendance_mark where upn = ? and session_date = ? and session = ?",
                marks, marks.size(), (ps, m) -> {
                    ps.setString(1, m.upn());
                    ps.setDate(2, Date.valueOf(m.date()));
                    ps.setString(3, m.session().name());
                });
        jdbc.batchUpdate("""
                insert into school_attendance_mark (upn, session_date, session, mark, school_urn, partner_id, file_id)
                values (?, ?, ?, ?, ?, ?, ?)""", distinctSessions(marks), marks.size(), (ps, m) -> {
                    ps.setString(1, m.upn());
                    ps.setDate(2, Date.valueOf(m.date()));
                    ps.setString(3, m.session().name());
                    ps.setString(4, m.code().mark());
                    ps.setString(5, m.schoolUrn());
                    ps.setString(6, partnerId);
                    ps.setString(7, fileId);
                });
    }

    /** One mark per pupil and session: where a file gives two, its later one counts. */
    private static List<AttendanceMark> distinctSessions(List<AttendanceMark> marks) {
        java.util.Map<String, AttendanceMark> latest = new java.util.LinkedHashMap<>();
        for (AttendanceMark m : marks) {
            latest.put(m.upn() + '|' + m.date() + '|' + m.session(), m);
        }
        return latest.size() == marks.size() ? marks : List.copyOf(latest.values());
    }

    /**
     * The marks in the window of every pupil of this file whose totals could cross a threshold (enough
     * sessions missed, or enough unexplained ones for a run), pupil by pupil in order of date and session.
     */
    List<PupilWindow> candidates(String fileId, LocalDate from, LocalDate to, int missedAtLeast, int unexplainedAtLeast) {
        List<PupilWindow> windows = new ArrayList<>();
        jdbc.query("""
                select upn, session_date, session, mark, school_urn from school_attendance_mark
                where session_date between ? and ? and upn in (
                    select m.upn from school_attendance_mark m
                    where m.session_date between ? and ?
                      and m.upn in (select f.upn from school_attendance_mark f where f.file_id = ?)
                    group by m.upn
                    having sum(case when m.mark in (%s) then 1 else 0 end) >= ?
                        or sum(case when m.mark in (%s) then 1 else 0 end) >= ?)
                order by upn, session_date, session""".formatted(MISSED, UNEXPLAINED), rs -> {
            String upn = rs.getString("upn");
            PupilWindow current = windows.isEmpty() ? null : windows.get(windows.size() - 1);
            if (current == null || !current.upn().equals(upn)) {
                current = new PupilWindow(upn, rs.getString("school_urn"), new ArrayList<>());
                windows.add(current);
            }
            current.marks().add(new AttendanceMark(rs.getString("school_urn"), upn, rs.getDate("session_date").toLocalDate(),
                    AttendanceMark.Session.valueOf(rs.getString("session")), AttendanceCode.ofMark(rs.getString("mark"))));
        }, Date.valueOf(from), Date.valueOf(to), Date.valueOf(from), Date.valueOf(to), fileId, missedAtLeast, unexplainedAtLeast);
        return windows.stream().map(w -> new PupilWindow(w.upn(), w.marks().get(w.marks().size() - 1).schoolUrn(), w.marks()))
                .toList();
    }

    /** "upn|CONCERN" for every concern raised by another file with a window ending after {@code since}. */
    Set<String> raisedSince(LocalDate since, String exceptFileId) {
        return new HashSet<>(jdbc.queryForList("""
                select upn || '|' || concern from attendance_concern_raised where window_to > ? and file_id <> ?""",
                String.class, Date.valueOf(since), exceptFileId));
    }

    void raised(String upn, String concern, String fileId, LocalDate windowTo, String eventId) {
        jdbc.update("""
                insert into attendance_concern_raised (upn, concern, file_id, window_to, event_id) values (?, ?, ?, ?, ?)
                on conflict do nothing""", upn, concern, fileId, Date.valueOf(windowTo), eventId);
    }

    private static String codes(Predicate<AttendanceCode> which) {
        return Arrays.stream(AttendanceCode.values()).filter(which)
                .map(code -> "'" + code.mark() + "'").collect(Collectors.joining(", "));
    }
}
