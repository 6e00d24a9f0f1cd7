package org.mashhub.bench.identity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Precision, recall and the share reviewed over labelled records, latency when timed, the noise behind each
 * error, and the worst errors of each kind with what each field added. Precision: correct MATCHes over all
 * MATCHes. Recall: correct MATCHes over records about known children. MATCH+REVIEW recall also counts a
 * REVIEW whose candidates include the true child.
 */
final class Metrics {

    /** What the matcher answered about one record. {@code explanation}: the chosen candidate's fields. */
    record Answer(String outcome, String chosen, double probability, List<String> candidates, String explanation, String reason) {
    }

    private record Error(PartnerRecord record, Answer answer) {
    }

    int queries;
    int known;
    int matches;
    int correctMatches;
    int reviews;
    int reviewsWithTruth;
    int twinsLinked;
    final List<Long> latencies = new ArrayList<>();
    /** The hub's own time for each match (its Server-Timing header), without HTTP. */
    final List<Long> serverLatencies = new ArrayList<>();
    private final Map<String, Integer> wrongMatches = new TreeMap<>();
    private final Map<String, Integer> missed = new TreeMap<>();
    private final List<Error> wrong = new ArrayList<>();
    private final List<Error> lost = new ArrayList<>();
    private final List<Error> reviewedKnown = new ArrayList<>();
    private final List<Error> reviewedUnknown = new ArrayList<>();
    /** Outcomes by the kind of record (the note's first word where it names one, as the second generator's do). */
    private final Map<String, Map<String, Integer>> byKind = new TreeMap<>();

    void add(PartnerRecord record, Answer answer, long nanos) {
        queries++;
        if (nanos > 0) {
            latencies.add(nanos);
        }
        boolean isKnown = record.truth() != null;
        known += isKnown ? 1 : 0;
        String kind = record.noise().contains(",") ? record.noise().substring(0, record.noise().indexOf(',')) : record.noise();
        byKind.computeIfAbsent(isKnown ? "known" : kind.isEmpty() || kind.contains("-") && !kind.startsWith("namesake")
                && !kind.startsWith("unseen") ? "never seen" : kind, k -> new TreeMap<>()).merge(answer.outcome(), 1, Integer::sum);
        switch (answer.outcome()) {
            case "MATCH" -> {
                matches++;
                if (isKnown && record.truth().equals(answer.chosen())) {
                    correctMatches++;
                } else {
                    wrongMatches.merge(kind(record), 1, Integer::sum);
                    wrong.add(new Error(record, answer));
                    twinsLinked += record.noise().contains("twin") ? 1 : 0;
                }
            }
            case "REVIEW" -> {
                reviews++;
                if (isKnown && answer.candidates().contains(record.truth())) {
                    reviewsWithTruth++;
                    reviewedKnown.add(new Error(record, answer));
                } else if (isKnown) {
                    missed.merge("review-without-truth:" + kind(record), 1, Integer::sum);
                    lost.add(new Error(record, answer));
                } else {
                    reviewedUnknown.add(new Error(record, answer));
                }
            }
            default -> {
                if (isKnown) {
                    missed.merge("no-match:" + kind(record), 1, Integer::sum);
                    lost.add(new Error(record, answer));
                }
            }
        }
    }

    double precision() {
        return matches == 0 ? 1 : (double) correctMatches / matches;
    }

    double recall() {
        return known == 0 ? 0 : (double) correctMatches / known;
    }

    double combinedRecall() {
        return known == 0 ? 0 : (double) (correctMatches + reviewsWithTruth) / known;
    }

    double reviewShare() {
        return queries == 0 ? 0 : (double) reviews / queries;
    }

    /** Whether the bars are met: precision 0.9995, recall 0.985, MATCH+REVIEW recall 0.998, REVIEW 4%, no twin linked. */
    boolean meetsBars() {
        return precision() >= 0.9995 && recall() >= 0.985 && combinedRecall() >= 0.998 && reviewShare() <= 0.04 && twinsLinked == 0;
    }

    String errors() {
        return "outcomes by kind of record: " + byKind + "\nwrong matches by noise: " + wrongMatches + "\nmissed by noise: " + missed;
    }

    /** The ten worst of each kind of error, most confident first, with each field's contribution. */
    String worst() {
        StringBuilder out = new StringBuilder();
        section(out, "wrong MATCHes (another child linked)", wrong);
        section(out, "known children missed (NO_MATCH, or a REVIEW without them)", lost);
        section(out, "known children sent to REVIEW", reviewedKnown);
        section(out, "children never seen sent to REVIEW", reviewedUnknown);
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<Error> errors) {
        out.append(title).append(": ").append(errors.size()).append('\n');
        errors.stream().sorted(Comparator.comparingDouble((Error e) -> Double.isNaN(e.answer().probability()) ? 0
                        : e.answer().probability()).reversed()).limit(Integer.getInteger("worst", 10))
                .forEach(e -> out.append(String.format(Locale.ROOT, "  %s p=%.4f [%s] %s %s %s %s %s%n      chosen %s: %s%n",
                        e.answer().outcome(), e.answer().probability(), e.record().noise(), e.record().given(), e.record().family(),
                        e.record().birthDate(), e.record().sex(), e.record().postcode(), e.answer().chosen(),
                        e.answer().explanation() + (e.answer().reason() == null ? "" : " (" + e.answer().reason() + ")"))));
    }

    private static String kind(PartnerRecord record) {
        return (record.truth() != null ? "known:" : "unseen:") + record.noise();
    }

    @Override
    public String toString() {
        String latency = "";
        if (!latencies.isEmpty()) {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            latency = String.format(Locale.ROOT, ", latency p50 %.2f ms p99 %.2f ms (%d timed, over HTTP)",
                    sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, sorted.length);
        }
        if (!serverLatencies.isEmpty()) {
            long[] sorted = serverLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
            latency += String.format(Locale.ROOT, ", in the hub p50 %.2f ms p99 %.2f ms",
                    sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6);
        }
        return String.format(Locale.ROOT, "records %d (%d about known children): MATCH precision %.4f%% (%d wrong), MATCH recall %.3f%%, "
                        + "MATCH+REVIEW recall %.3f%%, REVIEW %.2f%% of records, twins linked %d%s%s",
                queries, known, 100 * precision(), matches - correctMatches, 100 * recall(), 100 * combinedRecall(), 100 * reviewShare(),
                twinsLinked, meetsBars() ? " (meets the bars)" : " (below the bars)", latency);
    }
}
