package org.mashhub.hub.enquiries;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mashhub.hub.partner.PartnerRegistry;
import org.mashhub.hub.storage.Times;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The figure scrutiny committees ask of partner checks: how long each agency takes to answer, by RAG and by the week the
 * request was made (Monday to Sunday, UK time). Time to answer is from the request to its answer; its median and 90th
 * percentile are over the answered requests (nearest rank). The share in time is of the requests that are settled:
 * answered, or past their due time unanswered (those count as not in time); requests still within their time are not
 * counted yet. Aggregates only.
 */
@Component
public class AnswerTimes {

    private static final ZoneId UK = ZoneId.of("Europe/London");

    /** One request, as the figure needs it. */
    record Timed(String agency, String rag, Instant raisedAt, Instant dueAt, Instant answeredAt) {
    }

    /**
     * One line of the figure: an agency and RAG, over one week ({@code weekCommencing}), or over the whole period (null).
     *
     * @param settled answered, or past due unanswered: the requests the share in time is of
     */
    public record Line(String agency, String rag, LocalDate weekCommencing, int asked, int answered, Double medianHours, Double p90Hours,
                       int answeredInTime, int settled) {

        /** Answered by the due time, of those settled, in per cent; null while none is settled. */
        public Double percentInTime() {
            return settled == 0 ? null : 100.0 * answeredInTime / settled;
        }
    }

    private final JdbcTemplate jdbc;
    private final PartnerRegistry partners;

    AnswerTimes(JdbcTemplate jdbc, PartnerRegistry partners) {
        this.jdbc = jdbc;
        this.partners = partners;
    }

    /** The figure for requests made since {@code from}: each agency and RAG over the period, then week by week. */
    public List<Line> since(Instant from, Instant now) {
        List<Timed> requests = jdbc.queryForList("""
                select r.partner_id, e.rag, e.raised_at, r.due_at, r.answered_at
                from enquiry_request r join enquiry e on e.enquiry_id = r.enquiry_id where e.raised_at >= ?""",
                OffsetDateTime.ofInstant(from, ZoneOffset.UTC)).stream().map(r -> new Timed(partners.agency((String) r.get("partner_id")),
                (String) r.get("rag"), Times.instant(r.get("raised_at")), Times.instant(r.get("due_at")), Times.instant(r.get("answered_at"))))
                .toList();
        return lines(requests, now);
    }

    static List<Line> lines(List<Timed> requests, Instant now) {
        Map<String, List<Timed>> byGroup = new TreeMap<>();
        for (Timed t : requests) {
            byGroup.computeIfAbsent(t.agency() + "|" + ragOrder(t.rag()) + "|", g -> new ArrayList<>()).add(t);
            byGroup.computeIfAbsent(t.agency() + "|" + ragOrder(t.rag()) + "|" + week(t.raisedAt()), g -> new ArrayList<>()).add(t);
        }
        List<Line> lines = new ArrayList<>();
        byGroup.forEach((group, timed) -> {
            String[] parts = group.split("\\|", -1);
            lines.add(line(timed.get(0).agency(), timed.get(0).rag(), parts[2].isEmpty() ? null : LocalDate.parse(parts[2]), timed, now));
        });
        return lines;
    }

    private static Line line(String agency, String rag, LocalDate week, List<Timed> timed, Instant now) {
        List<Long> minutes = timed.stream().filter(t -> t.answeredAt() != null)
                .map(t -> Duration.between(t.raisedAt(), t.answeredAt()).toMinutes()).sorted(Comparator.naturalOrder()).toList();
        int inTime = (int) timed.stream().filter(t -> t.answeredAt() != null && !t.answeredAt().isAfter(t.dueAt())).count();
        int settled = (int) timed.stream().filter(t -> t.answeredAt() != null || now.isAfter(t.dueAt())).count();
        return new Line(agency, rag, week, timed.size(), minutes.size(), minutes.isEmpty() ? null : percentile(minutes, 0.5) / 60.0,
                minutes.isEmpty() ? null : percentile(minutes, 0.9) / 60.0, inTime, settled);
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(List<Long> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static LocalDate week(Instant at) {
        return LocalDate.ofInstant(at, UK).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** RED, AMBER, GREEN in that order within an agency. */
    private static int ragOrder(String rag) {
        return switch (rag) {
            case "RED" -> 0;
            case "AMBER" -> 1;
            default -> 2;
        };
    }
}
