package org.mashhub.hub.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionTimescalesTest {

    final DecisionTimescales timescales = new DecisionTimescales(new ViewProperties(Duration.ofHours(4), true, Duration.ofHours(24),
            Duration.ofHours(72), Duration.ofHours(72), 30));

    @Test
    void redCountsWorkingHoursOnlyOverEveningsAndWeekends() {
        // Friday 15:00 UK time: two hours on Friday, two on Monday morning.
        assertThat(timescales.due(uk("2026-11-20T15:00"), "RED")).isEqualTo(uk("2026-11-23T11:00"));
        // Saturday night: the clock starts on Monday at nine.
        assertThat(timescales.due(uk("2026-11-21T22:30"), "RED")).isEqualTo(uk("2026-11-23T13:00"));
        // Within a working day.
        assertThat(timescales.due(uk("2026-11-24T09:30"), "RED")).isEqualTo(uk("2026-11-24T13:30"));
        // Summer time: still 09:00 to 17:00 on the wall clock.
        assertThat(timescales.due(uk("2026-07-01T16:00"), "RED")).isEqualTo(uk("2026-07-02T12:00"));
    }

    @Test
    void amberAndGreenCountClockHoursAndUnratedIsGreen() {
        Instant arrived = uk("2026-11-20T15:00");
        assertThat(timescales.due(arrived, "AMBER")).isEqualTo(arrived.plus(Duration.ofHours(24)));
        assertThat(timescales.due(arrived, "GREEN")).isEqualTo(arrived.plus(Duration.ofHours(72)));
        assertThat(timescales.due(arrived, null)).isEqualTo(arrived.plus(Duration.ofHours(72)));
    }

    @Test
    void referralsOfOneChildFromSeveralAgenciesWithinTheWindowAreOneIncident() {
        Instant t = uk("2026-11-20T10:00");
        List<ChildPages.Incident> incidents = ChildPages.incidents(List.of(
                new ChildPages.Referral("p1", "lily", t, "police"),
                new ChildPages.Referral("s1", "lily", t.plus(Duration.ofHours(30)), "education"),
                new ChildPages.Referral("h1", "lily", t.plus(Duration.ofHours(90)), "health"),
                new ChildPages.Referral("h2", "lily", t.plus(Duration.ofDays(30)), "health"),
                new ChildPages.Referral("p2", "theo", t, "police"),
                new ChildPages.Referral("p3", "theo", t.plus(Duration.ofHours(1)), "police")), Duration.ofHours(72));

        assertThat(incidents).singleElement().satisfies(i -> {
            assertThat(i.eventIds()).containsExactly("p1", "s1", "h1");
            assertThat(i.agencies()).containsExactly("police", "education", "health");
        });
    }

    private static Instant uk(String local) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), DecisionTimescales.UK).toInstant();
    }
}
