package org.mashhub.hub.enquiries;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The time-to-answer figure from known request and answer times. */
class AnswerTimesTest {

    private static final Instant MONDAY = Instant.parse("2026-11-02T09:00:00Z"); // Monday 2 November, 09:00 in London
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    @Test
    void medianAndNinetiethPercentileOfTimeToAnswerAndTheShareInTimeByAgencyRagAndWeek() {
        List<AnswerTimes.Timed> requests = List.of(
                // police, RED (due in 4 h): answered after 1, 2, 3 and 5 hours; one never answered, long past due
                red("police", 1), red("police", 2), red("police", 3), red("police", 5), red("police", null),
                // police, RED, the week after: one answered in 30 minutes
                new AnswerTimes.Timed("police", "RED", MONDAY.plus(Duration.ofDays(7)), MONDAY.plus(Duration.ofDays(7)).plus(Duration.ofHours(4)),
                        MONDAY.plus(Duration.ofDays(7)).plusSeconds(30 * 60)),
                // health, GREEN, raised just now: not due yet, not answered: asked, not settled
                new AnswerTimes.Timed("health", "GREEN", NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(71)), null));

        List<AnswerTimes.Line> lines = AnswerTimes.lines(requests, NOW);

        AnswerTimes.Line policeWholePeriod = line(lines, "police", "RED", null);
        assertThat(policeWholePeriod.asked()).isEqualTo(6);
        assertThat(policeWholePeriod.answered()).isEqualTo(5);
        // answered after 0.5, 1, 2, 3, 5 hours: median (3rd of 5) 2 h, 90th percentile (5th of 5) 5 h
        assertThat(policeWholePeriod.medianHours()).isEqualTo(2.0);
        assertThat(policeWholePeriod.p90Hours()).isEqualTo(5.0);
        // in time: 0.5, 1, 2, 3 h of six settled (the 5 h answer was late, the unanswered one is overdue)
        assertThat(policeWholePeriod.answeredInTime()).isEqualTo(4);
        assertThat(policeWholePeriod.settled()).isEqualTo(6);
        assertThat(policeWholePeriod.percentInTime()).isCloseTo(66.67, org.assertj.core.data.Offset.offset(0.01));

        AnswerTimes.Line firstWeek = line(lines, "police", "RED", LocalDate.parse("2026-11-02"));
        assertThat(firstWeek.asked()).isEqualTo(5);
        assertThat(firstWeek.medianHours()).as("1, 2, 3, 5 h: nearest rank 2 of 4").isEqualTo(2.0);
        assertThat(firstWeek.p90Hours()).as("nearest rank 4 of 4").isEqualTo(5.0);
        assertThat(firstWeek.percentInTime()).as("3 of 5 settled").isEqualTo(60.0);
        AnswerTimes.Line secondWeek = line(lines, "police", "RED", LocalDate.parse("2026-11-09"));
        assertThat(secondWeek.medianHours()).isEqualTo(0.5);
        assertThat(secondWeek.percentInTime()).isEqualTo(100.0);

        AnswerTimes.Line health = line(lines, "health", "GREEN", null);
        assertThat(health.asked()).isEqualTo(1);
        assertThat(health.answered()).isZero();
        assertThat(health.medianHours()).isNull();
        assertThat(health.percentInTime()).as("nothing settled yet").isNull();
    }

    private static AnswerTimes.Timed red(String agency, Integer answeredAfterHours) {
        return new AnswerTimes.Timed(agency, "RED", MONDAY, MONDAY.plus(Duration.ofHours(4)),
                answeredAfterHours == null ? null : MONDAY.plus(Duration.ofHours(answeredAfterHours)));
    }

    private static AnswerTimes.Line line(List<AnswerTimes.Line> lines, String agency, String rag, LocalDate week) {
        return lines.stream().filter(l -> l.agency().equals(agency) && l.rag().equals(rag) && java.util.Objects.equals(l.weekCommencing(), week))
                .findFirst().orElseThrow(() -> new AssertionError("no line " + agency + " " + rag + " " + week + " in " + lines));
    }
}
