package org.mashhub.hub.outbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.outbound}: what partners hear back, and how a push channel is tried.
 *
 * @param mashContact    whom a partner contacts at the MASH about a notification (named in referral outcomes)
 * @param pushEvery      how often waiting notifications are pushed to partners that have a webhook
 * @param firstRetry     the wait after a push that did not reach the partner; doubling, up to {@code longestWait}
 * @param longestWait    the longest wait between two pushes (a partner's Retry-After counts, up to this)
 * @param giveUpAfter    how long a partner's endpoint may fail to take a notification before it is parked for an
 *                       engineer (the partner can still pull it)
 * @param requestTimeout how long one push waits for the partner's answer
 * @param encompass      Operation Encompass: the school days its notices are due by
 * @param sslBundle      the Spring Boot SSL bundle ({@code spring.ssl.bundle.*}) whose trust store the push channels
 *                       trust partners' certificates with (a council's own CA); none: the JVM's
 */
@ConfigurationProperties("hub.outbound")
public record OutboundProperties(
        @DefaultValue("") String mashContact,
        @DefaultValue("2s") Duration pushEvery,
        @DefaultValue("5s") Duration firstRetry,
        @DefaultValue("10m") Duration longestWait,
        @DefaultValue("24h") Duration giveUpAfter,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue Encompass encompass,
        @DefaultValue("") String sslBundle) {

    /**
     * When Operation Encompass notices are due: by {@code dueAt} (UK time) on the next school day after the incident. A
     * school day is a weekday in one of the {@code terms} (every weekday when none is set) and not a {@code closure}.
     */
    public record Encompass(@DefaultValue("08:30") java.time.LocalTime dueAt, @DefaultValue java.util.List<Term> terms,
                            @DefaultValue java.util.List<java.time.LocalDate> closures) {

        public record Term(java.time.LocalDate from, java.time.LocalDate to) {
        }

        /** The first school day whose {@code dueAt} is after the incident, at {@code dueAt}, UK time. */
        public java.time.ZonedDateTime dueAfter(java.time.Instant incident) {
            java.time.ZoneId uk = java.time.ZoneId.of("Europe/London");
            java.time.LocalDate day = incident.atZone(uk).toLocalDate();
            for (int i = 0; i < 400; i++, day = day.plusDays(1)) {
                java.time.ZonedDateTime due = day.atTime(dueAt).atZone(uk);
                if (due.toInstant().isAfter(incident) && schoolDay(day)) {
                    return due;
                }
            }
            throw new IllegalStateException("no school day in the configured terms within a year of " + incident);
        }

        boolean schoolDay(java.time.LocalDate day) {
            boolean weekday = day.getDayOfWeek().getValue() <= 5;
            boolean inTerm = terms.isEmpty() || terms.stream().anyMatch(t -> !day.isBefore(t.from()) && !day.isAfter(t.to()));
            return weekday && inTerm && !closures.contains(day);
        }
    }
}
