package org.mashhub.hub.view;

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
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mashhub.hub.partner.PartnerRegistry;
import org.mashhub.hub.storage.Times;
import org.mashhub.hub.triage.DecisionTimescales;
import org.mashhub.hub.triage.Localities;
import org.mashhub.schemas.CanonicalJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures the MASH's managers and the scrutiny committee ask for, over the weeks asked for (Monday to Sunday, UK
 * time; the current week is partial and says so): referrals by agency per week and by locality, repeat referrals
 * within 12 months, referrals correlated into multi-agency incidents, decision-timescale breaches, the time from a
 * partner's message to the case system, each as a total and week by week, what is parked or withheld now, and the
 * Operation Encompass notices schools have not taken by their due time.
 * Aggregates only: no child's details.
 */
@Component
public class DashboardFigures {

    /** The periods offered, in weeks. */
    public static final List<Integer> PERIODS = List.of(4, 12, 26, 52);

    /** A week: the Monday it commences, and whether it is still going on. */
    public record Week(LocalDate commencing, boolean partial) {

        public String label() {
            return "w/c " + commencing.format(java.time.format.DateTimeFormatter.ofPattern("d MMM", java.util.Locale.UK))
                    + (partial ? " (so far)" : "");
        }
    }

    /** Median and 95th percentile, in minutes, of how many deliveries. */
    public record Latency(int deliveries, Double medianMinutes, Double p95Minutes) {
    }

    /**
     * @param referralsByLocality the council's localities, most referrals first; those with no known locality apart
     * @param repeatsPerWeek      referrals whose child had another in the 12 months before, by the week they arrived
     * @param breachesPerWeek     referrals decided late or still waiting past their time, by the week they arrived
     * @param medianMinutesPerWeek message to case system, median per week of delivery (null: no deliveries)
     */
    public record Figures(List<Week> weeks, Map<String, List<Integer>> referralsByAgencyPerWeek, Map<String, Integer> referralsByLocality,
                          int localityNotKnown, int referrals, int repeats, double repeatRate, int incidents, int referralsInIncidents,
                          Latency messageToCaseSystem, int breaches, int overdueNow, int parked, int withheld, int encompassOverdue,
                          List<Integer> repeatsPerWeek, List<Integer> breachesPerWeek, List<Double> medianMinutesPerWeek) {

        public List<Integer> totalsPerWeek() {
            List<Integer> totals = new ArrayList<>(Collections.nCopies(weeks.size(), 0));
            referralsByAgencyPerWeek.values().forEach(counts -> {
                for (int w = 0; w < counts.size(); w++) {
                    totals.set(w, totals.get(w) + counts.get(w));
                }
            });
            return totals;
        }
    }

    private final JdbcTemplate jdbc;
    private final PartnerRegistry partners;
    private final DecisionTimescales timescales;
    private final Localities localities;
    private final ViewProperties properties;
    private final Clock clock;

    DashboardFigures(JdbcTemplate jdbc, PartnerRegistry partners, DecisionTimescales timescales, Localities localities,
                     ViewProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.timescales = timescales;
        this.localities = localities;
        this.properties = properties;
        this.clock = clock;
    }

    /** The figures over the last {@code weekCount} weeks, this one included. */
    @Transactional(readOnly = true)
    public Figures figures(int weekCount) {
        Instant now = clock.instant();
        LocalDate firstMonday = firstMonday(weekCount);
        LocalDate thisMonday = firstMonday.plusWeeks(weekCount - 1L);
        Instant from = firstMonday.atStartOfDay(DecisionTimescales.UK).toInstant();
        List<Week> weeks = new ArrayList<>();
        for (int w = 0; w < weekCount; w++) {
            LocalDate monday = firstMonday.plusWeeks(w);
            weeks.add(new Week(monday, monday.equals(thisMonday)));
        }

        Map<String, List<Integer>> byAgency = new TreeMap<>();
        Map<String, Integer> byLocality = new HashMap<>();
        List<Integer> breachesPerWeek = zeros(weekCount);
        List<ChildPages.Referral> referrals = new ArrayList<>();
        int breaches = 0;
        int overdueNow = 0;
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select a.event_id, a.hub_child_id, a.partner_id, a.accepted_at, a.payload, d.decided_at
                from accepted_event a left join mash_decision d on d.event_id = a.event_id
                where a.event_type = 'ReferralEvent' and a.accepted_at >= ?""", utc(from));
        for (Map<String, Object> row : rows) {
            Instant accepted = Times.instant(row.get("accepted_at"));
            String agency = partners.agency((String) row.get("partner_id"));
            int week = week(from, accepted, weekCount);
            byAgency.computeIfAbsent(agency, a -> zeros(weekCount)).set(week, byAgency.get(agency).get(week) + 1);
            JsonNode event = parse((String) row.get("payload"));
            byLocality.merge(localities.of(event == null ? null : event.at("/child/address/postcode").asText(null)), 1, Integer::sum);
            Instant occurred = event == null || event.path("occurredAt").isMissingNode() ? accepted
                    : Instant.parse(event.get("occurredAt").asText());
            referrals.add(new ChildPages.Referral((String) row.get("event_id"), (String) row.get("hub_child_id"), occurred, agency));
            Instant due = timescales.due(accepted, event == null ? null : event.at("/concern/rag").asText(null));
            Instant decided = Times.instant(row.get("decided_at"));
            if (decided == null ? now.isAfter(due) : decided.isAfter(due)) {
                breaches++;
                breachesPerWeek.set(week, breachesPerWeek.get(week) + 1);
                overdueNow += decided == null ? 1 : 0;
            }
        }
        int notKnown = byLocality.getOrDefault(Localities.NOT_KNOWN, 0);
        byLocality.remove(Localities.NOT_KNOWN);

        List<Integer> repeatsPerWeek = repeats(from, weekCount);
        int repeats = repeatsPerWeek.stream().mapToInt(Integer::intValue).sum();
        List<ChildPages.Incident> incidents = ChildPages.incidents(referrals, properties.linkedWindow());
        List<List<Long>> deliveryMillis = deliveries(from, weekCount);
        List<Long> all = deliveryMillis.stream().flatMap(List::stream).sorted().toList();
        return new Figures(weeks, byAgency, sortedByCount(byLocality), notKnown, rows.size(), repeats,
                rows.isEmpty() ? 0 : 100.0 * repeats / rows.size(), incidents.size(),
                incidents.stream().mapToInt(i -> i.eventIds().size()).sum(),
                all.isEmpty() ? new Latency(0, null, null) : new Latency(all.size(), percentile(all, 0.5) / 60_000.0,
                        percentile(all, 0.95) / 60_000.0),
                breaches, overdueNow,
                count("select count(*) from accepted_event where status = 'PARKED'"),
                count("select count(*) from withheld_event where status = 'HELD'"),
                count("select count(*) from partner_notification where type = 'OPERATION_ENCOMPASS' and status <> 'DELIVERED' "
                        + "and due_by < current_timestamp"),
                repeatsPerWeek, breachesPerWeek, deliveryMillis.stream().map(week -> week.isEmpty() ? null
                        : percentile(week.stream().sorted().toList(), 0.5) / 60_000.0).toList());
    }

    /** The Monday the first of the last {@code weekCount} weeks (this one included) commences, UK time. */
    public LocalDate firstMonday(int weekCount) {
        return LocalDate.ofInstant(clock.instant(), DecisionTimescales.UK).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .minusWeeks(weekCount - 1L);
    }

    /** Referrals in the period whose child had another referral in the 12 months before it, by the week they arrived. */
    private List<Integer> repeats(Instant from, int weekCount) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select hub_child_id, accepted_at from accepted_event
                where event_type = 'ReferralEvent' and accepted_at >= ? order by hub_child_id, accepted_at""",
                utc(from.minus(Duration.ofDays(365))));
        List<Integer> repeats = zeros(weekCount);
        Map<String, TreeSet<Instant>> seen = new HashMap<>();
        for (Map<String, Object> row : rows) {
            Instant at = Times.instant(row.get("accepted_at"));
            TreeSet<Instant> earlier = seen.computeIfAbsent((String) row.get("hub_child_id"), c -> new TreeSet<>());
            Instant previous = earlier.lower(at);
            if (!at.isBefore(from) && previous != null && !previous.isBefore(at.minus(Duration.ofDays(365)))) {
                int week = week(from, at, weekCount);
                repeats.set(week, repeats.get(week) + 1);
            }
            earlier.add(at);
        }
        return repeats;
    }

    /** From the hub receiving the partner's message to the case system taking the event, in ms, by week of delivery. */
    private List<List<Long>> deliveries(Instant from, int weekCount) {
        List<List<Long>> millis = new ArrayList<>();
        for (int w = 0; w < weekCount; w++) {
            millis.add(new ArrayList<>());
        }
        for (Map<String, Object> row : jdbc.queryForList("""
                select m.received_at, a.delivered_at from accepted_event a join inbound_message m on m.hub_message_id = a.hub_message_id
                where a.delivered_at is not null and a.delivered_at >= ?""", utc(from))) {
            Instant delivered = Times.instant(row.get("delivered_at"));
            millis.get(week(from, delivered, weekCount)).add(Duration.between(Times.instant(row.get("received_at")), delivered).toMillis());
        }
        return millis;
    }

    private static int week(Instant from, Instant at, int weekCount) {
        return (int) Math.max(0, Math.min(Duration.between(from, at).toDays() / 7, weekCount - 1L));
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(List<Long> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** A duration in minutes as a person reads it: "40 s", "3 min", "1 h 05 min"; "-" for none. */
    public static String minutes(Double minutes) {
        if (minutes == null) {
            return "-";
        }
        long seconds = Math.round(minutes * 60);
        if (seconds < 60) {
            return Math.max(seconds, 1) + " s";
        }
        long whole = Math.round(minutes);
        return whole < 60 ? whole + " min" : whole / 60 + " h " + String.format("%02d", whole % 60) + " min";
    }

    private static List<Integer> zeros(int size) {
        return new ArrayList<>(Collections.nCopies(size, 0));
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
