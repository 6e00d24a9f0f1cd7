package org.mashhub.hub.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mashhub.hub.enquiries.AnswerTimes;
import org.mashhub.hub.enquiries.Enquiries;
import org.mashhub.hub.triage.DecisionTimescales;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The dashboard for any member of staff, over a period of their choosing, and the same figures as CSV. */
@Controller
class DashboardPages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DashboardFigures dashboard;

    private final AnswerTimes answerTimes;
    private final Enquiries enquiries;
    private final java.time.Clock clock;

    DashboardPages(DashboardFigures dashboard, AnswerTimes answerTimes, Enquiries enquiries, java.time.Clock clock) {
        this.dashboard = dashboard;
        this.answerTimes = answerTimes;
        this.enquiries = enquiries;
        this.clock = clock;
    }

    @GetMapping("/mash/dashboard")
    String dashboard(@RequestParam(defaultValue = "12") int weeks, Model model) throws JsonProcessingException {
        int period = period(weeks);
        DashboardFigures.Figures figures = dashboard.figures(period);
        model.addAttribute("figures", figures);
        // Partner checks: how long each agency takes to answer (the period's lines first, then week by week), and what is overdue now.
        List<AnswerTimes.Line> answers = answerTimes.since(figures.weeks().get(0).commencing().atStartOfDay(DecisionTimescales.UK).toInstant(),
                clock.instant());
        model.addAttribute("answerTimes", answers.stream().filter(l -> l.weekCommencing() == null).toList());
        model.addAttribute("answerTimesByWeek", answers.stream().filter(l -> l.weekCommencing() != null).toList());
        model.addAttribute("checksOverdue", enquiries.overdue());
        model.addAttribute("period", period);
        model.addAttribute("periods", DashboardFigures.PERIODS);
        List<String> labels = figures.weeks().stream().map(DashboardFigures.Week::label).toList();
        // The charts' figures as JSON in an attribute (escaped as any text), drawn by /mash/assets/dashboard.js.
        List<Map<String, Object>> perAgency = figures.referralsByAgencyPerWeek().entrySet().stream()
                .map(e -> Map.<String, Object>of("label", e.getKey(), "data", e.getValue())).toList();
        model.addAttribute("byAgencyChart", JSON.writeValueAsString(Map.of("type", "bar", "stacked", true, "labels", labels,
                "datasets", perAgency)));
        model.addAttribute("byLocalityChart", JSON.writeValueAsString(Map.of("type", "bar", "horizontal", true,
                "labels", List.copyOf(figures.referralsByLocality().keySet()),
                "datasets", List.of(Map.of("label", "Referrals", "data", List.copyOf(figures.referralsByLocality().values()))))));
        model.addAttribute("trendsChart", JSON.writeValueAsString(Map.of("type", "line", "labels", labels, "datasets", List.of(
                Map.of("label", "Repeat referrals", "data", figures.repeatsPerWeek()),
                Map.of("label", "Timescale breaches", "data", figures.breachesPerWeek())))));
        return "dashboard";
    }

    /** Week by week, for a spreadsheet: each agency's referrals, repeats, breaches and the median time to the case system. */
    @GetMapping(value = "/mash/dashboard.csv")
    ResponseEntity<String> csv(@RequestParam(defaultValue = "12") int weeks) {
        DashboardFigures.Figures figures = dashboard.figures(period(weeks));
        List<String> agencies = new ArrayList<>(figures.referralsByAgencyPerWeek().keySet());
        StringBuilder csv = new StringBuilder("week_commencing,partial_week");
        agencies.forEach(a -> csv.append(",referrals_").append(a));
        csv.append(",referrals_total,repeat_referrals,timescale_breaches,median_minutes_to_case_system\r\n");
        List<Integer> totals = figures.totalsPerWeek();
        for (int w = 0; w < figures.weeks().size(); w++) {
            DashboardFigures.Week week = figures.weeks().get(w);
            csv.append(week.commencing()).append(',').append(week.partial());
            for (String agency : agencies) {
                csv.append(',').append(figures.referralsByAgencyPerWeek().get(agency).get(w));
            }
            Double median = figures.medianMinutesPerWeek().get(w);
            csv.append(',').append(totals.get(w)).append(',').append(figures.repeatsPerWeek().get(w)).append(',')
                    .append(figures.breachesPerWeek().get(w)).append(',').append(median == null ? "" : String.format("%.2f", median))
                    .append("\r\n");
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"mash-dashboard-" + figures.weeks().get(0).commencing()
                        + ".csv\"").body(csv.toString());
    }

    /** Partner checks' time to answer, for a spreadsheet: each agency and RAG over the period, then week by week. */
    @GetMapping(value = "/mash/time-to-answer.csv")
    ResponseEntity<String> timeToAnswerCsv(@RequestParam(defaultValue = "12") int weeks) {
        LocalDate first = dashboard.firstMonday(period(weeks));
        StringBuilder csv = new StringBuilder("week_commencing,agency,rag,asked,answered,median_hours,p90_hours,answered_in_time,"
                + "settled,percent_in_time\r\n");
        for (AnswerTimes.Line l : answerTimes.since(first.atStartOfDay(DecisionTimescales.UK).toInstant(), clock.instant())) {
            csv.append(l.weekCommencing() == null ? "all" : l.weekCommencing().toString()).append(',').append(l.agency()).append(',')
                    .append(l.rag()).append(',').append(l.asked()).append(',').append(l.answered()).append(',').append(hours(l.medianHours()))
                    .append(',').append(hours(l.p90Hours())).append(',').append(l.answeredInTime()).append(',').append(l.settled()).append(',')
                    .append(l.percentInTime() == null ? "" : String.format(java.util.Locale.ROOT, "%.1f", l.percentInTime())).append("\r\n");
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"mash-time-to-answer-" + first + ".csv\"").body(csv.toString());
    }

    private static String hours(Double hours) {
        return hours == null ? "" : String.format(java.util.Locale.ROOT, "%.2f", hours);
    }

    private static int period(int weeks) {
        return DashboardFigures.PERIODS.contains(weeks) ? weeks : 12;
    }
}
