package org.mashhub.adapters.schools;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.mashhub.adapters.Upn;

/**
 * Made-up data for tests, the demo and benchmarks: a large daily-attendance CSV in which most pupils
 * attend, every tenth misses most afternoons of the last two weeks (persistent absence) and every
 * fiftieth has had no reason given for the last twelve days (possibly missing education). Two rows per
 * pupil per school day.
 */
public final class SyntheticAttendance {

    private SyntheticAttendance() {
    }

    /** Pupils whose marks show persistent absence, and those who may be missing education, in a file of this many pupils. */
    public record Expected(int persistentAbsence, int possiblyMissing) {
    }

    public static Expected write(Path file, String laEstab, int pupils, int schoolDays, LocalDate lastDay) throws IOException {
        List<LocalDate> days = schoolDaysUpTo(lastDay, schoolDays);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("school_urn,upn,session_date,session,mark\n");
            for (int p = 0; p < pupils; p++) {
                String upn = Upn.withCheckLetter(laEstab + String.format("%05d", p));
                for (int d = 0; d < days.size(); d++) {
                    for (String session : new String[] {"AM", "PM"}) {
                        out.write("113456," + upn + "," + days.get(d) + "," + session + "," + mark(p, days.size() - d, session) + "\n");
                    }
                }
            }
        }
        int persistent = 0;
        int missing = 0;
        for (int p = 0; p < pupils; p++) {
            persistent += p % 10 == 0 || p % 50 == 7 ? 1 : 0;
            missing += p % 50 == 7 ? 1 : 0;
        }
        return new Expected(persistent, missing);
    }

    /** @param daysFromEnd 1 for the last school day */
    private static String mark(int pupil, int daysFromEnd, String session) {
        if (pupil % 50 == 7 && daysFromEnd <= 12) {
            return "N";
        }
        if (pupil % 10 == 0 && daysFromEnd <= 10 && session.equals("PM")) {
            return daysFromEnd % 2 == 0 ? "O" : "I";
        }
        return session.equals("AM") ? "/" : "\\";
    }

    private static List<LocalDate> schoolDaysUpTo(LocalDate lastDay, int count) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = lastDay; days.size() < count; day = day.minusDays(1)) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(0, day);
            }
        }
        return days;
    }
}
