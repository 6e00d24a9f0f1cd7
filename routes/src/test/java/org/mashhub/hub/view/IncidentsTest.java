package org.mashhub.hub.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentsTest {

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
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), java.time.ZoneId.of("Europe/London")).toInstant();
    }
}
