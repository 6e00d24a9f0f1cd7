package org.mashhub.bench.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.mashhub.adapters.NhsNumber;
import org.mashhub.adapters.Upn;
import org.mashhub.adapters.identity.BlockingKeys;
import org.mashhub.adapters.identity.ChildComparator;
import org.mashhub.adapters.identity.ChildDescription;
import org.mashhub.adapters.identity.Field;
import org.mashhub.adapters.identity.Level;
import org.mashhub.adapters.identity.MatchDecision;
import org.mashhub.adapters.identity.MatchDecision.Candidate;
import org.mashhub.adapters.identity.MatchDecision.Decision;
import org.mashhub.adapters.identity.MatchDecision.Outcome;
import org.mashhub.adapters.identity.MatchWeights;
import org.mashhub.schemas.events.Address;
import org.mashhub.schemas.events.ChildSubject;
import org.mashhub.schemas.events.Identifier;
import org.mashhub.schemas.events.PersonName;

/**
 * The identity matcher on a seeded synthetic set (see {@link SyntheticPopulation}, {@link PartnerRecords}):
 * known children, and partner records about them (80%) and about children the case system has never seen
 * (20%: strangers, new brothers and sisters of known children, namesakes of known children, the unknown twin of a
 * known child).
 *
 * <ul>
 *   <li>{@code estimate <children> <queries> <seed>}: the m and u probabilities from labelled pairs (m: each
 *       partner record against its true child; u: against random other children), then the thresholds from
 *       a sweep over the same matcher run in memory; writes {@code bench/target/identity-weights.properties}.</li>
 *   <li>{@code run <hub-url> <user:password> <children> <queries> <seed>}: loads the known children into a
 *       running hub ({@code POST /api/v1/identity/children}), asks {@code POST /api/v1/identity/match} about
 *       every partner record, and reports precision, recall, the share sent to review and latency.</li>
 * </ul>
 */
public final class IdentityBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The target is 99.9%; the margin is for the sampling noise of a bench set. */
    private static final double PRECISION_WANTED = 0.9993;
    /** The least share of children a name counts as in the term-frequency adjustment; 0 for none. */
    private static final double TERM_FREQUENCY_FLOOR = Double.parseDouble(System.getProperty("tf.floor", "0.0005"));

    private final List<SyntheticChild> known;
    private final List<PartnerRecord> queries;

    private IdentityBench(int children, int queryCount, long seed) {
        SyntheticPopulation population = new SyntheticPopulation(seed);
        this.known = population.children(children, "CS");
        PartnerRecords records = new PartnerRecords(seed + 1, population);
        List<SyntheticChild> strangers = population.children(queryCount, "X");
        Random random = new Random(seed + 2);
        List<PartnerRecord> built = new ArrayList<>(queryCount);
        for (int i = 0; i < queryCount; i++) {
            int kind = random.nextInt(100);
            if (kind < 80) {
                SyntheticChild child = known.get(random.nextInt(known.size()));
                built.add(records.noisy(child, child.caseSystemPersonId()));
            } else if (kind < 92) {
                built.add(records.noisy(strangers.get(i), null));
            } else if (kind < 94) {
                built.add(records.noisy(population.newSiblingOf(known.get(random.nextInt(known.size())), "S" + i), null));
            } else if (kind < 98) {
                built.add(records.noisy(population.namesakeOf(known.get(random.nextInt(known.size())), "N" + i), null));
            } else {
                built.add(records.noisy(population.twinOf(known.get(random.nextInt(known.size())), "T" + i), null));
            }
        }
        this.queries = built;
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "estimate" -> new IdentityBench(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]))
                    .estimate(Long.parseLong(args[3]));
            case "simulate" -> new IdentityBench(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]))
                    .simulate(Path.of(args[4]));
            case "run" -> new IdentityBench(Integer.parseInt(args[3]), Integer.parseInt(args[4]), Long.parseLong(args[5]))
                    .run(args[1], args[2]);
            default -> throw new IllegalArgumentException("estimate or run");
        }
    }

    // --- estimate

    private void estimate(long seed) throws Exception {
        Map<String, Integer> indexOf = new HashMap<>();
        List<ChildDescription> knownDescriptions = new ArrayList<>(known.size());
        for (int i = 0; i < known.size(); i++) {
            indexOf.put(known.get(i).caseSystemPersonId(), i);
            knownDescriptions.add(ChildDescription.of(subject(known.get(i))));
        }
        Map<Field, Map<Level, Integer>> matches = counts();
        Map<Field, Map<Level, Integer>> nonMatches = counts();
        int matchPairs = 0;
        int nonMatchPairs = 0;
        InMemoryIndex blocking = new InMemoryIndex(knownDescriptions);
        Random random = new Random(seed + 3);
        for (PartnerRecord query : queries) {
            ChildDescription q = ChildDescription.of(subject(query));
            Integer truth = query.truth() == null ? null : indexOf.get(query.truth());
            if (truth != null) {
                add(matches, ChildComparator.compare(q, knownDescriptions.get(truth)));
                matchPairs++;
            }
            // u as Splink estimates it: the query against children picked at random. (Against the children it is
            // blocked with instead, partial agreements come out negative and the weights stop explaining themselves;
            // what random pairs miss, brothers and sisters sharing a surname and a postcode, the rules handle.)
            for (int r = 0; r < 20; r++) {
                int other = random.nextInt(known.size());
                if (truth == null || other != truth) {
                    add(nonMatches, ChildComparator.compare(q, knownDescriptions.get(other)));
                    nonMatchPairs++;
                }
            }
        }
        StringBuilder file = new StringBuilder();
        file.append("# Fellegi-Sunter parameters of the identity matcher (see MatchWeights), estimated from labelled pairs by\n")
                .append("#   bench/identity.sh estimate   (IdentityBench estimate ").append(known.size()).append(' ')
                .append(queries.size()).append(' ').append(seed).append(")\n")
                .append("# m: ").append(matchPairs).append(" partner records against their true child; u: ").append(nonMatchPairs)
                .append(" partner records against\n# children picked at random.\n")
                .append("# Levels never seen get half a count (so no probability is zero). Thresholds: the match threshold\n")
                .append("# with the best MATCH recall at a MATCH precision of 99.93% or more, and the lowest review threshold\n")
                .append("# keeping reviews to 4% of queries or fewer, on the same set run through the matcher in memory.\n");
        Map<String, String> values = new TreeMap<>();
        for (Field field : Field.values()) {
            for (Level level : field.levels()) {
                values.put(field + "." + level + ".m", probability(matches, field, level));
                values.put(field + "." + level + ".u", probability(nonMatches, field, level));
            }
        }
        MatchWeights estimated = MatchWeights.load(new ByteArrayInputStream(properties(values, 25, 10, -6)
                .getBytes(StandardCharsets.UTF_8)));
        List<List<Candidate>> probabilistic = new ArrayList<>();
        List<Decision> byIdentifier = new ArrayList<>();
        for (PartnerRecord query : queries) {
            InMemoryIndex.Found found = blocking.find(ChildDescription.of(subject(query)), estimated);
            probabilistic.add(found.probabilistic());
            byIdentifier.add(found.byIdentifier());
        }
        double bestMatch = 0;
        double bestRecall = -1;
        Metrics chosen = null;
        for (double t = 0; t <= 40; t += 0.5) {
            Metrics m = metrics(probabilistic, byIdentifier, withThresholds(estimated, t, t));
            if (System.getProperty("sweep") != null) {
                System.out.printf(Locale.ROOT, "match threshold %.1f: %s%n  %s%n", t, m, m.errors());
            }
            if (m.precision() >= PRECISION_WANTED && m.recall() >= bestRecall) {
                bestMatch = t;
                bestRecall = m.recall();
            }
        }
        double bestReview = bestMatch;
        for (double r = bestMatch; r >= 0; r -= 0.5) {
            Metrics m = metrics(probabilistic, byIdentifier, withThresholds(estimated, bestMatch, r));
            if (m.reviewShare() > 0.04) {
                break;
            }
            bestReview = r;
            chosen = m;
        }
        file.append(properties(values, bestMatch, bestReview, -6));
        Path out = Path.of("bench", "target", "identity-weights.properties");
        Files.createDirectories(out.getParent());
        Files.writeString(out, file.toString());
        System.out.print(file);
        System.out.printf(Locale.ROOT, "%nin memory, %d known children, %d queries: %s%n%s%n", known.size(), queries.size(), chosen,
                chosen == null ? "" : chosen.errors());
        System.out.println("written to " + out);
    }

    /** The matcher in memory with the given weights file, on this set. */
    private void simulate(Path weightsFile) throws Exception {
        MatchWeights weights;
        try (var in = Files.newInputStream(weightsFile)) {
            weights = MatchWeights.load(in);
        }
        List<ChildDescription> descriptions = known.stream().map(c -> ChildDescription.of(subject(c))).toList();
        InMemoryIndex index = new InMemoryIndex(descriptions);
        List<List<Candidate>> probabilistic = new ArrayList<>();
        List<Decision> byIdentifier = new ArrayList<>();
        for (PartnerRecord query : queries) {
            InMemoryIndex.Found found = index.find(ChildDescription.of(subject(query)), weights);
            probabilistic.add(found.probabilistic());
            byIdentifier.add(found.byIdentifier());
        }
        Metrics m = metrics(probabilistic, byIdentifier, weights);
        System.out.printf(Locale.ROOT, "in memory, %d known children, %d queries, %s: %s%n%s%n", known.size(), queries.size(),
                weightsFile, m, m.errors());
    }

    private static String properties(Map<String, String> values, double match, double review, double disagreement) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "threshold.match=%.1f%nthreshold.review=%.1f%nthreshold.identifier-disagreement=%.1f%n",
                match, review, disagreement));
        if (TERM_FREQUENCY_FLOOR > 0) {
            out.append(String.format(Locale.ROOT, "term-frequency.floor=%s%n", TERM_FREQUENCY_FLOOR));
        }
        values.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return out.toString();
    }

    private static MatchWeights withThresholds(MatchWeights weights, double match, double review) {
        return weights.withThresholds(match, review);
    }

    private Metrics metrics(List<List<Candidate>> probabilistic, List<Decision> byIdentifier, MatchWeights weights) {
        Metrics metrics = new Metrics();
        for (int i = 0; i < queries.size(); i++) {
            Decision decision = byIdentifier.get(i) != null ? byIdentifier.get(i) : MatchDecision.decide(probabilistic.get(i), weights);
            String chosen = decision.chosen() == null ? null : known.get(Integer.parseInt(decision.chosen().hubChildId()))
                    .caseSystemPersonId();
            List<String> candidates = decision.candidates().stream().limit(5)
                    .map(c -> known.get(Integer.parseInt(c.hubChildId())).caseSystemPersonId()).toList();
            metrics.add(queries.get(i), decision.outcome().name(), chosen, candidates, 0);
        }
        return metrics;
    }

    // --- run against a hub

    private void run(String hub, String credentials) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String authorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        long loadStart = System.nanoTime();
        int batch = 10_000;
        for (int start = 0; start < known.size(); start += batch) {
            StringBuilder lines = new StringBuilder();
            for (SyntheticChild child : known.subList(start, Math.min(known.size(), start + batch))) {
                ObjectNode line = JSON.createObjectNode().put("caseSystemPersonId", child.caseSystemPersonId());
                fields(line, child.nhsNumber(), child.upn(), child.given(), child.family(), child.birthDate().toString(),
                        child.sex(), child.postcode());
                lines.append(line).append('\n');
            }
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(hub + "/api/v1/identity/children"))
                    .header("Authorization", authorization).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(lines.toString())).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode summary = JSON.readTree(response.body());
            if (response.statusCode() != 200 || summary.get("rejected").asInt() > 0) {
                throw new IllegalStateException("load answered " + response.statusCode() + ": " + response.body());
            }
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        System.out.printf(Locale.ROOT, "loaded %d known children in %.1f s (%.0f lines/s)%n", known.size(), loadSeconds,
                known.size() / loadSeconds);

        Metrics metrics = new Metrics();
        int warmUp = Math.min(1000, queries.size() / 10);
        for (int i = 0; i < queries.size(); i++) {
            PartnerRecord query = queries.get(i);
            ObjectNode body = JSON.createObjectNode();
            fields(body, query.nhsNumber(), query.upn(), query.given(), query.family(), query.birthDate().toString(), query.sex(),
                    query.postcode());
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(hub + "/api/v1/identity/match"))
                    .header("Authorization", authorization).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("match answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode answer = JSON.readTree(response.body());
            List<String> candidates = new ArrayList<>();
            answer.get("candidates").forEach(c -> candidates.add(c.path("caseSystemPersonId").asText(null)));
            metrics.add(query, answer.get("outcome").asText(), answer.path("caseSystemPersonId").asText(null), candidates,
                    i < warmUp ? -1 : nanos);
            if (i >= warmUp) {
                response.headers().firstValue("Server-Timing").map(t -> t.replaceAll(".*dur=", ""))
                        .ifPresent(ms -> metrics.serverLatencies.add((long) (Double.parseDouble(ms) * 1e6)));
            }
        }
        System.out.println(metrics);
        System.out.println(metrics.errors());
    }

    private static void fields(ObjectNode node, String nhs, String upn, String given, String family, String born, String sex,
                               String postcode) {
        if (nhs != null) {
            node.put("nhsNumber", nhs);
        }
        if (upn != null) {
            node.put("upn", upn);
        }
        node.put("givenName", given).put("familyName", family).put("birthDate", born);
        if (sex != null) {
            node.put("sex", sex);
        }
        if (postcode != null) {
            node.put("postcode", postcode);
        }
    }

    // --- shared

    /** The subject the hub builds from a known-child line (KnownChild.subject in the hub). */
    static ChildSubject subject(SyntheticChild child) {
        return subject(child.nhsNumber(), child.upn(), child.given(), child.family(), child.birthDate(), child.sex(),
                child.postcode());
    }

    static ChildSubject subject(PartnerRecord r) {
        return subject(r.nhsNumber(), r.upn(), r.given(), r.family(), r.birthDate(), r.sex(), r.postcode());
    }

    private static ChildSubject subject(String nhs, String upn, String given, String family, java.time.LocalDate born, String sex,
                                        String postcode) {
        List<Identifier> ids = new ArrayList<>();
        if (nhs != null) {
            ids.add(Identifier.nhsNumber(nhs));
        }
        if (upn != null) {
            ids.add(new Identifier(Identifier.UPN, upn));
        }
        return new ChildSubject(null, ids, new PersonName(given, family, List.of()), born, sex,
                postcode == null ? null : new Address(List.of(), null, postcode, null, null, null), null);
    }

    private static Map<Field, Map<Level, Integer>> counts() {
        Map<Field, Map<Level, Integer>> counts = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            counts.put(field, new EnumMap<>(Level.class));
        }
        return counts;
    }

    private static void add(Map<Field, Map<Level, Integer>> counts, Map<Field, Level> levels) {
        levels.forEach((field, level) -> {
            if (level != Level.UNKNOWN) {
                counts.get(field).merge(level, 1, Integer::sum);
            }
        });
    }

    private static String probability(Map<Field, Map<Level, Integer>> counts, Field field, Level level) {
        int total = counts.get(field).values().stream().mapToInt(Integer::intValue).sum();
        double p = (counts.get(field).getOrDefault(level, 0) + 0.5) / (total + 0.5 * field.levels().size());
        return String.format(Locale.ROOT, "%.6g", p);
    }

    /** The hub's matcher over an in-memory index: the same identifier rule, blocking keys and decision. */
    private static final class InMemoryIndex {

        record Found(List<Candidate> probabilistic, Decision byIdentifier) {
        }

        private final List<ChildDescription> children;
        private final Map<String, List<Integer>> blocks = new HashMap<>();
        private final Map<String, Integer> byIdentifier = new HashMap<>();
        private final Map<String, Integer> givenCounts = new HashMap<>();
        private final Map<String, Integer> familyCounts = new HashMap<>();
        private final org.mashhub.adapters.identity.NameFrequencies frequencies = new org.mashhub.adapters.identity.NameFrequencies() {
            @Override
            public double givenShare(String given) {
                return (double) givenCounts.getOrDefault(given, 0) / children.size();
            }

            @Override
            public double familyShare(String family) {
                return (double) familyCounts.getOrDefault(family, 0) / children.size();
            }
        };

        InMemoryIndex(List<ChildDescription> children) {
            this.children = children;
            for (ChildDescription child : children) {
                if (child.primaryGiven() != null) {
                    givenCounts.merge(child.primaryGiven(), 1, Integer::sum);
                }
                if (!child.familyNames().isEmpty()) {
                    familyCounts.merge(child.familyNames().get(0), 1, Integer::sum);
                }
            }
            for (int i = 0; i < children.size(); i++) {
                for (String key : BlockingKeys.forIndex(children.get(i))) {
                    blocks.computeIfAbsent(key, k -> new ArrayList<>(2)).add(i);
                }
                for (String nhs : children.get(i).nhsNumbers()) {
                    byIdentifier.put("N" + nhs, i);
                }
                for (String upn : children.get(i).upns()) {
                    byIdentifier.put("U" + upn, i);
                }
            }
        }

        Found find(ChildDescription query, MatchWeights weights) {
            Set<Integer> owners = new LinkedHashSet<>();
            query.nhsNumbers().stream().filter(NhsNumber::isValid).map(n -> byIdentifier.get("N" + n)).filter(o -> o != null)
                    .forEach(owners::add);
            query.upns().stream().filter(Upn::isValid).map(u -> byIdentifier.get("U" + u)).filter(o -> o != null)
                    .forEach(owners::add);
            if (!owners.isEmpty()) {
                return new Found(null, MatchDecision.byIdentifiers(score(query, owners, weights), weights));
            }
            return new Found(score(query, blocked(query), weights), null);
        }

        Set<Integer> blocked(ChildDescription query) {
            Set<Integer> blocked = new LinkedHashSet<>();
            for (String key : BlockingKeys.forQuery(query)) {
                blocked.addAll(blocks.getOrDefault(key, List.of()));
            }
            return blocked;
        }

        private List<Candidate> score(ChildDescription query, Set<Integer> ids, MatchWeights weights) {
            List<Candidate> scored = new ArrayList<>();
            for (int id : ids) {
                scored.add(MatchDecision.score(Integer.toString(id), query, children.get(id), weights, frequencies));
            }
            return scored;
        }
    }

    /** Precision, recall, the share reviewed, latency, and the kinds of noise behind each miss. */
    private static final class Metrics {
        int queries;
        int known;
        int matches;
        int correctMatches;
        int reviews;
        int reviewsWithTruth;
        final List<Long> latencies = new ArrayList<>();
        /** The hub's own time for each match (its Server-Timing header), without HTTP. */
        final List<Long> serverLatencies = new ArrayList<>();
        final Map<String, Integer> wrongMatches = new TreeMap<>();
        final Map<String, Integer> missed = new TreeMap<>();

        void add(PartnerRecord query, String outcome, String chosen, List<String> candidates, long nanos) {
            queries++;
            if (nanos > 0) {
                latencies.add(nanos);
            }
            boolean isKnown = query.truth() != null;
            known += isKnown ? 1 : 0;
            if (outcome.equals(Outcome.MATCH.name())) {
                matches++;
                if (isKnown && query.truth().equals(chosen)) {
                    correctMatches++;
                } else {
                    wrongMatches.merge((isKnown ? "known:" : "unseen:") + query.noise(), 1, Integer::sum);
                }
            } else if (outcome.equals(Outcome.REVIEW.name())) {
                reviews++;
                if (isKnown && candidates.contains(query.truth())) {
                    reviewsWithTruth++;
                } else if (isKnown) {
                    missed.merge("review-without-truth:" + query.noise(), 1, Integer::sum);
                }
            } else if (isKnown) {
                missed.merge("no-match:" + query.noise(), 1, Integer::sum);
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

        String errors() {
            return "wrong matches by noise: " + wrongMatches + "\nmissed by noise: " + missed;
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
            return String.format(Locale.ROOT, "queries %d (%d about known children): MATCH precision %.4f%%, MATCH recall %.3f%%, "
                            + "MATCH+REVIEW recall %.3f%%, REVIEW %.2f%% of queries%s",
                    queries, known, 100 * precision(), 100 * recall(), 100 * combinedRecall(), 100 * reviewShare(), latency);
        }
    }
}
