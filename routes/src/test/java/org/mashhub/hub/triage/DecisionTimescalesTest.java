package org.mashhub.hub.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionTimescalesTest {

    static final TriageProperties PROPERTIES = new TriageProperties(Duration.ofHours(4), Duration.ofHours(24), Duration.ofHours(72),
            LocalTime.of(9, 0), LocalTime.of(17, 0), List.of(Outcome.NO_FURTHER_ACTION), Duration.ofMinutes(10), 30, 25,
            Map.of("EX31", "North Devon", "EX", "Devon elsewhere", "EX1", "Exeter"));

    final DecisionTimescales timescales = new DecisionTimescales(PROPERTIES);

    @Test
    void aRedOnFridayEveningIsDueThatNightAndIsTheEmergencyDutyTeams() {
        Instant friday = uk("2026-11-20T16:56");
        assertThat(timescales.due(friday, "RED")).isEqualTo(uk("2026-11-20T20:56"));
        assertThat(timescales.due(friday, "RED")).isBefore(timescales.due(friday, "AMBER"));
        assertThat(timescales.forEmergencyDutyTeam(friday, "RED")).isFalse();
        assertThat(timescales.forEmergencyDutyTeam(uk("2026-11-20T17:00"), "RED")).isTrue();
        assertThat(timescales.forEmergencyDutyTeam(uk("2026-11-21T11:00"), "RED")).isTrue(); // Saturday
        assertThat(timescales.forEmergencyDutyTeam(uk("2026-11-23T08:59"), "RED")).isTrue();
        assertThat(timescales.forEmergencyDutyTeam(uk("2026-11-21T11:00"), "AMBER")).isFalse();
        // Summer time: office hours on the wall clock.
        assertThat(timescales.forEmergencyDutyTeam(uk("2026-07-01T16:30"), "RED")).isFalse();
    }

    @Test
    void amberAndGreenCountClockHoursAndUnratedIsGreen() {
        Instant arrived = uk("2026-11-20T15:00");
        assertThat(timescales.due(arrived, "AMBER")).isEqualTo(arrived.plus(Duration.ofHours(24)));
        assertThat(timescales.due(arrived, "GREEN")).isEqualTo(arrived.plus(Duration.ofHours(72)));
        assertThat(timescales.due(arrived, null)).isEqualTo(arrived.plus(Duration.ofHours(72)));
    }

    @Test
    void localitiesComeFromThePostcodeDistrictElseItsArea() {
        Localities localities = new Localities(PROPERTIES);
        assertThat(localities.of("ex31 9zz")).isEqualTo("North Devon");
        assertThat(localities.of("EX1 1AA")).isEqualTo("Exeter");
        assertThat(localities.of("EX16 4QQ")).isEqualTo("Devon elsewhere");
        assertThat(localities.of("TQ12 1AA")).isEqualTo(Localities.NOT_KNOWN);
        assertThat(localities.of(null)).isEqualTo(Localities.NOT_KNOWN);
        assertThat(localities.of("EX")).isEqualTo(Localities.NOT_KNOWN);
        assertThat(Localities.formatted("ex319zz")).isEqualTo("EX31 9ZZ");
        assertThat(Localities.formatted(" sw1a1aa ")).isEqualTo("SW1A 1AA");
        assertThat(Localities.formatted("not a postcode")).isEqualTo("not a postcode");
    }

    private static Instant uk(String local) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), DecisionTimescales.UK).toInstant();
    }
}
