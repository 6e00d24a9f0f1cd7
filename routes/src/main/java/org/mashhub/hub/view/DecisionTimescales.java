package org.mashhub.hub.view;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.springframework.stereotype.Component;

/** When a MASH decision on a referral is due: its RAG's timescale from its arrival, in working hours for RED. */
@Component
public class DecisionTimescales {

    static final ZoneId UK = ZoneId.of("Europe/London");
    private static final LocalTime DAY_STARTS = LocalTime.of(9, 0);
    private static final LocalTime DAY_ENDS = LocalTime.of(17, 0);

    private final ViewProperties properties;

    DecisionTimescales(ViewProperties properties) {
        this.properties = properties;
    }

    public Instant due(Instant arrived, String rag) {
        if ("RED".equals(rag)) {
            return properties.redWorking() ? addWorkingTime(arrived, properties.red()) : arrived.plus(properties.red());
        }
        return arrived.plus("AMBER".equals(rag) ? properties.amber() : properties.green());
    }

    /** The instant {@code amount} of working time after {@code from} (bank holidays are not known to the hub). */
    static Instant addWorkingTime(Instant from, Duration amount) {
        ZonedDateTime at = from.atZone(UK);
        Duration left = amount;
        while (true) {
            if (at.getDayOfWeek() == DayOfWeek.SATURDAY || at.getDayOfWeek() == DayOfWeek.SUNDAY
                    || !at.toLocalTime().isBefore(DAY_ENDS)) {
                at = at.toLocalDate().plusDays(1).atTime(DAY_STARTS).atZone(UK);
                continue;
            }
            if (at.toLocalTime().isBefore(DAY_STARTS)) {
                at = at.toLocalDate().atTime(DAY_STARTS).atZone(UK);
            }
            Duration today = Duration.between(at.toLocalTime(), DAY_ENDS);
            if (left.compareTo(today) <= 0) {
                return at.plus(left).toInstant();
            }
            left = left.minus(today);
            at = at.toLocalDate().plusDays(1).atTime(DAY_STARTS).atZone(UK);
        }
    }
}
