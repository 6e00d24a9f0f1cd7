package org.mashhub.hub.triage;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.springframework.stereotype.Component;

/**
 * When a MASH decision on a referral is due: its RAG's timescale from its arrival, in clock hours. A child at risk
 * does not wait for Monday: a RED that arrives outside the MASH's office hours is due at night all the same, and is
 * flagged for the emergency duty team.
 */
@Component
public class DecisionTimescales {

    public static final ZoneId UK = ZoneId.of("Europe/London");

    private final TriageProperties properties;

    public DecisionTimescales(TriageProperties properties) {
        this.properties = properties;
    }

    public Instant due(Instant arrived, String rag) {
        return arrived.plus(switch (rag == null ? "" : rag) {
            case "RED" -> properties.red();
            case "AMBER" -> properties.amber();
            default -> properties.green();
        });
    }

    /** A RED that arrives when the MASH is closed (evenings, nights, weekends, UK time): the emergency duty team's. */
    public boolean forEmergencyDutyTeam(Instant arrived, String rag) {
        if (!"RED".equals(rag)) {
            return false;
        }
        ZonedDateTime at = arrived.atZone(UK);
        LocalTime time = at.toLocalTime();
        return at.getDayOfWeek() == DayOfWeek.SATURDAY || at.getDayOfWeek() == DayOfWeek.SUNDAY
                || time.isBefore(properties.officeOpens()) || !time.isBefore(properties.officeCloses());
    }
}
