package org.mashhub.hub.view;

import org.mashhub.hub.storage.Times;
import org.mashhub.hub.triage.DecisionTimescales;
import org.mashhub.hub.triage.Localities;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mashhub.schemas.CanonicalJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures the MASH's managers and the scrutiny committee ask for, over the last {@value #WEEKS} weeks:
 * referrals by agency per week and by locality, repeat referrals within 12 months, referrals correlated into
 * multi-agency incidents, the time from a partner's message to the case system, decision-timescale breaches,
 * and what is parked or withheld now. Aggregates only: no child's details.
 */
@Component
public class DashboardFigures {

    static final int WEEKS = 12;

    /** Median and 95th percentile, in minutes, of how many deliveries. */
    public record Latency(int deliveries, Double medianMinutes, Double p95Minutes) {
    }

    public record Figures(List<String> weeks, Map<String, List<Integer>> referralsByAgencyPerWeek, Map<String, Integer> referralsByLocality,
                          int referrals, int repeats, double repeatRate, int incidents, int referralsInIncidents,
                          Latency messageToCaseSystem, int breaches, int overdueNow, int parked, int withheld) {
    }

    private final JdbcTemplate jdbc;
    private final ChildPages pages;
    private final DecisionTimescales timescales;
    private final Localities localities;
    private final ViewProperties properties;
    private final Clock clock;

    DashboardFigures(JdbcTemplate jdbc, ChildPages pages, DecisionTimescales timescales, Localities localities, ViewProperties properties,
                     Clock clock) {
        this.localities = localities;
        this.jdbc = jdbc;
        this.pages = pages;
        this.timescales = timescales;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Figures figures() {
        Instant now = clock.instant();
        LocalDate firstMonday = LocalDate.ofInstant(now, DecisionTimescales.UK).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .minusWeeks(WEEKS - 1);
        Instant from = firstMonday.atStartOfDay(DecisionTimescales.UK).toInstant();
        List<String> weeks = new ArrayList<>();
        for (int w = 0; w < WEEKS; w++) {
            weeks.add(firstMonday.plusWeeks(w).toString());
        }

        Map<String, List<Integer>> byAgency = new TreeMap<>();
        Map<String, Integer> byLocality = new HashMap<>();
        List<ChildPages.Referral> referrals = new ArrayList<>();
        int breaches = 0;
        int overdueNow = 0;
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select a.event_id, a.hub_child_id, a.partner_id, a.accepted_at, a.payload, d.decided_at
                from accepted_event a left join mash_decision d on d.event_id = a.event_id
                where a.event_type = 'ReferralEvent' and a.accepted_at >= ?""", utc(from));
        for (Map<String, Object> row : rows) {
            Instant accepted = Times.instant(row.get("accepted_at"));
            String agency = pages.agency((String) row.get("partner_id"));
            int week = (int) Math.min(Duration.between(from, accepted).toDays() / 7, WEEKS - 1);
            List<Integer> perWeek = byAgency.computeIfAbsent(agency, a -> new ArrayList<>(java.util.Collections.nCopies(WEEKS, 0)));
            perWeek.set(week, perWeek.get(week) + 1);
            JsonNode event = parse((String) row.get("payload"));
            byLocality.merge(locality(event), 1, Integer::sum);
            Instant occurred = event == null || event.path("occurredAt").isMissingNode() ? accepted
                    : Instant.parse(event.get("occurredAt").asText());
            referrals.add(new ChildPages.Referral((String) row.get("event_id"), (String) row.get("hub_child_id"), occurred, agency));
            Instant due = timescales.due(accepted, event == null ? null : event.at("/concern/rag").asText(null));
            Instant decided = Times.instant(row.get("decided_at"));
            if (decided == null ? now.isAfter(due) : decided.isAfter(due)) {
                breaches++;
                overdueNow += decided == null ? 1 : 0;
            }
        }

        int repeats = repeats(from);
        List<ChildPages.Incident> incidents = ChildPages.incidents(referrals, properties.linkedWindow());
        return new Figures(weeks, byAgency, sortedByCount(byLocality), rows.size(), repeats,
                rows.isEmpty() ? 0 : 100.0 * repeats / rows.size(), incidents.size(),
                incidents.stream().mapToInt(i -> i.eventIds().size()).sum(), latency(from), breaches, overdueNow,
                count("select count(*) from accepted_event where status = 'PARKED'"),
                count("select count(*) from withheld_event where status = 'HELD'"));
    }

    /** Referrals in the period whose child had another referral in the 12 months before it. */
    private int repeats(Instant from) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select hub_child_id, accepted_at from accepted_event
                where event_type = 'ReferralEvent' and accepted_at >= ? order by hub_child_id, accepted_at""",
                utc(from.minus(Duration.ofDays(365))));
        int repeats = 0;
        Map<String, TreeSet<Instant>> seen = new HashMap<>();
        for (Map<String, Object> row : rows) {
            Instant at = Times.instant(row.get("accepted_at"));
            TreeSet<Instant> earlier = seen.computeIfAbsent((String) row.get("hub_child_id"), c -> new TreeSet<>());
            Instant previous = earlier.lower(at);
            if (!at.isBefore(from) && previous != null && !previous.isBefore(at.minus(Duration.ofDays(365)))) {
                repeats++;
            }
            earlier.add(at);
        }
        return repeats;
    }

    /** From the hub receiving the partner's message to the case system taking the event. */
    private Latency latency(Instant from) {
        List<Long> millis = new ArrayList<>();
        for (Map<String, Object> row : jdbc.queryForList("""
                select m.received_at, a.delivered_at from accepted_event a join inbound_message m on m.hub_message_id = a.hub_message_id
                where a.delivered_at is not null and a.delivered_at >= ?""", utc(from))) {
            millis.add(Duration.between(Times.instant(row.get("received_at")), Times.instant(row.get("delivered_at"))).toMillis());
        }
        if (millis.isEmpty()) {
            return new Latency(0, null, null);
        }
        millis.sort(null);
        return new Latency(millis.size(), percentile(millis, 0.5) / 60_000.0, percentile(millis, 0.95) / 60_000.0);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(List<Long> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** The council's locality of the child's postcode (hub.triage.localities), else "Not known". */
    private String locality(JsonNode event) {
        return localities.of(event == null ? null : event.at("/child/address/postcode").asText(null));
    }

    private static Map<String, Integer> sortedByCount(Map<String, Integer> counts) {
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static JsonNode parse(String payload) {
        if (payload == null) {
            return null;
        }
        try {
            return CanonicalJson.mapper().readTree(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    private int count(String sql) {
        Integer count = jdbc.queryForObject(sql, Integer.class);
        return count == null ? 0 : count;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
