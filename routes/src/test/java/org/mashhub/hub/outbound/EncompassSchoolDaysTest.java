package org.mashhub.hub.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When an Operation Encompass notice is due: 08:30 on the next school day, by the council's terms and closures. */
class EncompassSchoolDaysTest {

    private final OutboundProperties.Encompass autumn = new OutboundProperties.Encompass(LocalTime.of(8, 30),
            List.of(new OutboundProperties.Encompass.Term(LocalDate.of(2026, 9, 3), LocalDate.of(2026, 12, 18)),
                    new OutboundProperties.Encompass.Term(LocalDate.of(2027, 1, 5), LocalDate.of(2027, 3, 26))),
            List.of(LocalDate.of(2026, 11, 23)));

    @Test
    void aFridayNightIncidentIsDueOnTheNextSchoolDayAfterAnInsetDay() {
        assertThat(autumn.dueAfter(Instant.parse("2026-11-20T23:15:00Z")).toInstant()).isEqualTo(Instant.parse("2026-11-24T08:30:00Z"));
    }

    @Test
    void anIncidentBeforeSchoolOnASchoolDayIsDueThatMorning() {
        assertThat(autumn.dueAfter(Instant.parse("2026-11-25T05:00:00Z")).toInstant()).isEqualTo(Instant.parse("2026-11-25T08:30:00Z"));
    }

    @Test
    void theHolidaysWaitForTheFirstDayOfTheNextTerm() {
        assertThat(autumn.dueAfter(Instant.parse("2026-12-18T19:00:00Z")).toInstant()).isEqualTo(Instant.parse("2027-01-05T08:30:00Z"));
    }

    @Test
    void withoutTermsEveryWeekdayIsASchoolDayAndSummerTimeIsLondonTime() {
        OutboundProperties.Encompass weekdays = new OutboundProperties.Encompass(LocalTime.of(8, 30), List.of(), List.of());
        assertThat(weekdays.dueAfter(Instant.parse("2026-06-12T21:00:00Z")).toInstant()).isEqualTo(Instant.parse("2026-06-15T07:30:00Z"));
    }
}
