package org.mashhub.bench.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.mashhub.adapters.PersonStatedGender;
import org.mashhub.adapters.identity.ChildDescription;
import org.mashhub.adapters.identity.Field;
import org.mashhub.adapters.identity.Level;
import org.mashhub.adapters.identity.MatchDecision.Candidate;
import org.mashhub.adapters.identity.MatchDecision.Decision;
import org.mashhub.adapters.identity.MatchDecision.Outcome;
import org.mashhub.adapters.identity.MatchWeights;
import org.mashhub.adapters.identity.ModelEstimation;
import org.mashhub.schemas.events.Address;
import org.mashhub.schemas.events.ChildSubject;
import org.mashhub.schemas.events.Identifier;
import org.mashhub.schemas.events.PersonName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity matcher on labelled sets from either generator ({@code a}: {@link SyntheticPopulation}, {@code b}:
 * {@link CountyRegister}, written apart), or on a council's own labelled records.
 *
 * <ul>
 *   <li>{@code estimate <generator>[+<generator>] <children> <records> <seed> [start]}: u from random pairs of the known
 *       children, m by expectation–maximisation over unlabelled pairs of the records and known children, the thresholds
 *       from the estimated model (its expected precision and missed matches at each); writes
 *       {@code bench/target/identity-weights.properties}. The labels are not used. {@code a+b}: both generators' sets,
 *       pooled.</li>
 *   <li>{@code simulate <generator> <children> <records> <seed> <weights>}: the matcher in memory, as the hub runs
 *       it, scored against the labels.</li>
 *   <li>{@code write <generator> <children> <records> <seed> <dir>}: the set as {@code known.ndjson} and
 *       {@code records.ndjson} (see {@link LabelledSet}).</li>
 *   <li>{@code run <hub-url> <user:password> <generator> <children> <records> <seed>}: loads the known children into
 *       a running hub, asks {@code POST /api/v1/identity/match} about every record twice (the first pass warms the
 *       hub), reports the scores and the second pass's latency.</li>
 *   <li>{@code evaluate <hub-url> <user:password> <records.ndjson>}: a council's labelled records against the index
 *       the hub has loaded.</li>
 * </ul>
 */
public final class IdentityBench {

    private static final Logger report = LoggerFactory.getLogger("report");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Match thresholds tried; the lowest whose expected precision reaches {@link #PRECISION_WANTED} is chosen. */
    private static final double[] MATCH_THRESHOLDS = {0.9, 0.95, 0.98, 0.99, 0.995, 0.998, 0.999, 0.9995, 0.9998, 0.9999};
    private static final double[] REVIEW_THRESHOLDS = {0.5, 0.3, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001};
    /** The bar is 0.9995; the margin is for what the model does not know (a tenth of the errors it allows). */
    private static final double PRECISION_WANTED = 0.99995;
    /** The expected share of matches no person would see (NO_MATCH); the bar for MATCH+REVIEW recall is 0.998. */
    private static final double LOST_WANTED = 0.0005;
    /** The bar for the share of records sent to a person. */
    private static final double REVIEW_WANTED = 0.04;

    private IdentityBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "estimate" -> estimate(java.util.Arrays.stream(args[1].split("\\+")).map(g -> LabelledSet.generate(g,
                            Integer.parseInt(args[2]), Integer.parseInt(args[3]), Long.parseLong(args[4]))).toList(), String.join(" ", args),
                    args.length > 5 ? load(Path.of(args[5])) : MatchWeights.defaults());
            case "simulate" -> simulate(LabelledSet.generate(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Long.parseLong(args[4])), load(Path.of(args[5])));
            case "write" -> LabelledSet.generate(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Long.parseLong(args[4]))
                    .write(Path.of(args[5]));
            case "run" -> run(args[1], args[2], args[3], LabelledSet.generate(args[4], Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]), Long.parseLong(args[7])));
            case "evaluate" -> report(matchOverHttp(args[1], args[2], LabelledSet.readRecords(Path.of(args[3])), 0));
            default -> throw new IllegalArgumentException("estimate, simulate, write, run or evaluate");
        }
    }

    // --- estimate

    /** One set's index and unlabelled records, with what the two sessions estimated on them. */
    private record Session(InMemoryIndex index, List<ChildDescription> records, Map<Field, Map<Level, Double>> m, double known,
                           String summary) {
    }

    /**
     * Two sessions per set, as Splink runs them, each estimating only what its blocking rule leaves free and
     * keeping out of its likelihood the fields that brothers, sisters and twins share (a family name and an
     * address): pairs born the same day with the same given name estimate the family name and postcode; born the
     * same day with the same family name, the given name and sex (a twin there has another given name, and
     * nothing else in the likelihood to look like a match). The birth date's m comes from the records an NHS
     * Number links to a known child: among pairs with the same names, namesakes born a week, a month or a year
     * apart sit one digit from each other and look to the estimator like matches with a slipped date. The
     * identifiers' m is not estimated (see the weights file).
     */
    private static Session session(LabelledSet set, MatchWeights start) {
        InMemoryIndex index = new InMemoryIndex(set.known().stream().map(IdentityBench::describe).toList());
        MatchWeights onIndex = index.onThisIndex(start);
        List<ChildDescription> records = set.records().stream().map(IdentityBench::describe).toList();
        List<Map<Field, Level>> dayAndGiven = new ArrayList<>();
        List<Map<Field, Level>> dayAndFamily = new ArrayList<>();
        List<Map<Field, Level>> linked = new ArrayList<>();
        for (ChildDescription record : records) {
            dayAndGiven.addAll(index.sameDayAndGivenPairs(record));
            dayAndFamily.addAll(index.sameDayAndFamilyPairs(record));
            linked.addAll(index.sameNhsNumberPairs(record));
        }
        ModelEstimation.Estimate first = ModelEstimation.matched(dayAndGiven, onIndex.u(), onIndex.m(),
                EnumSet.of(Field.FAMILY_NAME, Field.POSTCODE), 500);
        ModelEstimation.Estimate second = ModelEstimation.matched(dayAndFamily, onIndex.u(), onIndex.m(),
                EnumSet.of(Field.GIVEN_NAME, Field.SEX), 500);
        Map<Field, Map<Level, Double>> m = new EnumMap<>(onIndex.m());
        m.put(Field.FAMILY_NAME, first.m().get(Field.FAMILY_NAME));
        m.put(Field.POSTCODE, first.m().get(Field.POSTCODE));
        m.put(Field.GIVEN_NAME, second.m().get(Field.GIVEN_NAME));
        m.put(Field.SEX, second.m().get(Field.SEX));
        m.put(Field.BIRTH_DATE, ModelEstimation.linkedByIdentifier(linked, Field.BIRTH_DATE));
        // Records about a known child: the matches of the second session over the share of matches that session can see.
        double known = Math.min(0.99, second.matchShare() * dayAndFamily.size() / records.size()
                / m.get(Field.BIRTH_DATE).get(Level.EXACT) / m.get(Field.FAMILY_NAME).get(Level.EXACT));
        String summary = String.format(Locale.ROOT, "#   %d known children, %d records: %d pairs born the same day with the same given name "
                        + "(%d rounds), %d with the same%n#   family name (%d rounds), %d linked by an NHS Number; %.3f of the records "
                        + "estimated to be about a known child%n", index.size(), records.size(), dayAndGiven.size(), first.rounds(),
                dayAndFamily.size(), second.rounds(), linked.size(), known);
        return new Session(index, records, m, known, summary);
    }

    /**
     * @param sets one or more sets (pooled: m and the prior are the sets' estimates weighed by their records; each set
     *             is scored with u from its own index, as each hub would)
     */
    private static void estimate(List<LabelledSet> sets, String command, MatchWeights start) throws Exception {
        List<Session> sessions = sets.stream().map(set -> session(set, start)).toList();
        int allRecords = sessions.stream().mapToInt(s -> s.records().size()).sum();
        Map<Field, Map<Level, Double>> m = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            Map<Level, Double> levels = new EnumMap<>(Level.class);
            for (Level level : field.levels()) {
                levels.put(level, sessions.stream().mapToDouble(s -> s.m().get(field).get(level) * s.records().size()).sum() / allRecords);
            }
            m.put(field, levels);
        }
        double known = sessions.stream().mapToDouble(s -> s.known() * s.records().size()).sum() / allRecords;
        MatchWeights model = start.withMatched(m, known);

        // The thresholds from the model alone: the probabilities it gives are its expected precision.
        StringBuilder choice = new StringBuilder();
        double match = MATCH_THRESHOLDS[MATCH_THRESHOLDS.length - 1];
        for (double t : MATCH_THRESHOLDS) {
            Expectation e = expect(sessions, model.withThresholds(t, Math.min(t, 0.05)));
            choice.append(String.format(Locale.ROOT, "#   match at %.4f: expected precision %.5f, expected MATCH recall %.4f%n", t,
                    e.precision(), e.recall()));
            if (e.precision() >= PRECISION_WANTED && t < match) {
                match = t;
            }
        }
        // The highest review threshold that leaves few enough matches unseen, unless reviews would pass 4% of records first.
        double review = REVIEW_THRESHOLDS[0];
        for (double r : REVIEW_THRESHOLDS) {
            Expectation e = expect(sessions, model.withThresholds(match, r));
            choice.append(String.format(Locale.ROOT, "#   review at %.3f: expected share of matches no one sees %.5f, REVIEW %.2f%% of records%n",
                    r, e.lost(), 100 * e.reviewShare()));
            if (e.reviewShare() > REVIEW_WANTED) {
                break;
            }
            review = r;
            if (e.lost() <= LOST_WANTED) {
                break;
            }
        }
        MatchWeights chosen = model.withThresholds(match, review);
        String file = "# The identity matcher's model (see MatchWeights), estimated without labels by\n"
                + "#   bench/identity.sh " + command + "\n"
                + String.format(Locale.ROOT, "# u: %d random pairs of the known children. m: expectation-maximisation over unlabelled partner records%n"
                        + "# against known children born the same day with the same given name (family name, postcode) and born the same%n"
                        + "# day with the same family name (given name, sex); the birth date's from the records an NHS Number links:%n",
                InMemoryIndex.UNMATCHED_PAIRS)
                + sessions.stream().map(Session::summary).collect(Collectors.joining())
                + "# m of the identifiers is not estimated (twins and namesakes, who have another NHS Number, look like matches to\n"
                + "# the estimator): the same child has another valid NHS Number only where a partner mistyped it into one that still\n"
                + "# passes modulus 11 (one mistyped number in eleven, itself about one in fifty); a UPN changes from temporary to permanent.\n"
                + "# Thresholds: the lowest match threshold whose expected precision (the mean probability of the MATCHes, under the\n"
                + String.format(Locale.ROOT, "# model) is %.5f or more, and the highest review threshold leaving no more than %.2f%% of the expected%n"
                        + "# matches unseen (NO_MATCH), short of sending more than %.0f%% of records to review. The hub measures u and term%n"
                        + "# frequencies again on its own index.%n", PRECISION_WANTED, 100 * LOST_WANTED, 100 * REVIEW_WANTED)
                + choice + chosen.toProperties();
        Path out = Path.of("bench", "target", "identity-weights.properties");
        Files.createDirectories(out.getParent());
        Files.writeString(out, file);
        report.info(file);
        for (LabelledSet set : sets) {
            report.info("scored against its labels (not a fair test: the model was estimated on it): {}", simulateQuietly(set, chosen));
        }
        report.info("written to {}", out);
    }

    /** What the model expects of these thresholds, from its own probabilities (no labels). */
    private record Expectation(double precision, double recall, double lost, double reviewShare) {
    }

    private static Expectation expect(List<Session> sessions, MatchWeights model) {
        double matched = 0;
        double matchedCorrect = 0;
        double expectedKnown = 0;
        double lost = 0;
        int reviews = 0;
        int records = 0;
        for (Session session : sessions) {
            MatchWeights weights = session.index().onThisIndex(model);
            for (ChildDescription record : session.records()) {
                records++;
                Decision decision = session.index().decide(record, weights);
                double probabilityKnown = Math.min(1, decision.candidates().stream().mapToDouble(Candidate::probability).sum());
                expectedKnown += probabilityKnown;
                switch (decision.outcome()) {
                    case MATCH -> {
                        matched++;
                        matchedCorrect += decision.chosen().probability();
                    }
                    case REVIEW -> reviews++;
                    // A rule that says "another child" (a twin's name) overrules the model: not a match lost.
                    case NO_MATCH -> lost += decision.chosen() != null && decision.chosen().probability() >= weights.reviewThreshold()
                            ? 0 : probabilityKnown;
                }
            }
        }
        return new Expectation(matched == 0 ? 1 : matchedCorrect / matched, expectedKnown == 0 ? 0 : matchedCorrect / expectedKnown,
                expectedKnown == 0 ? 0 : lost / expectedKnown, (double) reviews / records);
    }

    // --- simulate

    private static void simulate(LabelledSet set, MatchWeights weights) {
        Metrics metrics = simulateQuietly(set, weights);
        report.info("in memory, {} known children: {}", set.known().size(), metrics);
        report.info("{}\n{}", metrics.errors(), metrics.worst());
    }

    private static Metrics simulateQuietly(LabelledSet set, MatchWeights weights) {
        InMemoryIndex index = new InMemoryIndex(set.known().stream().map(IdentityBench::describe).toList());
        MatchWeights onIndex = index.onThisIndex(weights);
        Metrics metrics = new Metrics();
        for (PartnerRecord record : set.records()) {
            Decision decision = index.decide(describe(record), onIndex);
            String chosen = decision.chosen() == null ? null : set.known().get(Integer.parseInt(decision.chosen().hubChildId()))
                    .caseSystemPersonId();
            List<String> candidates = decision.candidates().stream().limit(5)
                    .map(c -> set.known().get(Integer.parseInt(c.hubChildId())).caseSystemPersonId()).toList();
            metrics.add(record, new Metrics.Answer(decision.outcome().name(), decision.outcome() == Outcome.NO_MATCH ? null : chosen,
                    decision.chosen() == null ? Double.NaN : decision.chosen().probability(), candidates,
                    decision.chosen() == null ? "" : explain(decision.chosen()), decision.reason()), 0);
        }
        return metrics;
    }

    private static String explain(Candidate candidate) {
        return candidate.score().contributions().stream().filter(c -> c.level() != Level.UNKNOWN)
                .map(c -> String.format(Locale.ROOT, "%s %s %+.1f", c.field(), c.level(), c.weight())).collect(Collectors.joining(", "));
    }

    // --- against a running hub

    /**
     * @param engineer    who loads the known children and refreshes the model (ids and counts only)
     * @param practitioner who asks for matches (they show children's details)
     */
    private static void run(String hub, String engineer, String practitioner, LabelledSet set) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long loadStart = System.nanoTime();
        int batch = 10_000;
        for (int start = 0; start < set.known().size(); start += batch) {
            StringBuilder lines = new StringBuilder();
            for (SyntheticChild child : set.known().subList(start, Math.min(set.known().size(), start + batch))) {
                lines.append(LabelledSet.knownLine(child)).append('\n');
            }
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(hub + "/api/v1/identity/children"))
                    .header("Authorization", basic(engineer)).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(lines.toString())).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode summary = JSON.readTree(response.body());
            if (response.statusCode() != 200 || summary.get("rejected").asInt() > 0) {
                throw new IllegalStateException("load answered " + response.statusCode() + ": " + response.body());
            }
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        report.info(String.format(Locale.ROOT, "loaded %d known children in %.1f s (%.0f lines/s)", set.known().size(), loadSeconds,
                set.known().size() / loadSeconds));
        // The hub measures its index (u, term frequencies) in the background after a load: ask it to now.
        http.send(HttpRequest.newBuilder(URI.create(hub + "/api/v1/identity/model/refresh")).header("Authorization", basic(engineer))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        // A first pass warms the JIT on the match path and PostgreSQL's caches; the figures are the second pass's.
        Metrics first = matchOverHttp(hub, practitioner, set.records(), 0);
        report.info("first pass (warming): {}", first);
        report(matchOverHttp(hub, practitioner, set.records(), 0));
    }

    private static Metrics matchOverHttp(String hub, String credentials, List<PartnerRecord> records, int warmUp) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Metrics metrics = new Metrics();
        for (int i = 0; i < records.size(); i++) {
            PartnerRecord record = records.get(i);
            ObjectNode body = LabelledSet.fields(JSON.createObjectNode(), record.nhsNumber(), record.upn(), record.given(), record.family(),
                    record.birthDate(), record.sex(), record.postcode());
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(hub + "/api/v1/identity/match"))
                    .header("Authorization", basic(credentials)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("match answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode answer = JSON.readTree(response.body());
            List<String> candidates = new ArrayList<>();
            answer.get("candidates").forEach(c -> candidates.add(c.path("caseSystemPersonId").asText(null)));
            JsonNode first = answer.get("candidates").path(0);
            StringBuilder explanation = new StringBuilder();
            first.path("fields").forEach(f -> {
                if (!"UNKNOWN".equals(f.path("level").asText())) {
                    explanation.append(String.format(Locale.ROOT, "%s %s %+.1f, ", f.path("field").asText(), f.path("level").asText(),
                            f.path("weight").asDouble()));
                }
            });
            metrics.add(record, new Metrics.Answer(answer.get("outcome").asText(), answer.path("caseSystemPersonId").asText(null),
                    answer.path("probability").asDouble(Double.NaN), candidates, explanation.toString(), answer.path("reason").asText(null)),
                    i < warmUp ? -1 : nanos);
            if (i >= warmUp) {
                response.headers().firstValue("Server-Timing").map(t -> t.replaceAll(".*dur=", ""))
                        .ifPresent(ms -> metrics.serverLatencies.add((long) (Double.parseDouble(ms) * 1e6)));
            }
        }
        return metrics;
    }

    private static void report(Metrics metrics) {
        report.info("{}", metrics);
        report.info("{}\n{}", metrics.errors(), metrics.worst());
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    // --- shared

    private static MatchWeights load(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return MatchWeights.load(in);
        }
    }

    /** A known child as the hub reads a line of the load (KnownChild.subject in the hub). */
    static ChildDescription describe(SyntheticChild child) {
        return ChildDescription.of(subject(child.nhsNumber(), child.upn(), child.given(), child.family(), child.birthDate(), child.sex(),
                child.postcode()));
    }

    static ChildDescription describe(PartnerRecord r) {
        return ChildDescription.of(subject(r.nhsNumber(), r.upn(), r.given(), r.family(), r.birthDate(), r.sex(), r.postcode()));
    }

    private static ChildSubject subject(String nhs, String upn, String given, String family, LocalDate born, String sex,
                                        String postcode) {
        List<Identifier> ids = new ArrayList<>();
        if (nhs != null) {
            ids.add(Identifier.nhsNumber(nhs));
        }
        if (upn != null) {
            ids.add(new Identifier(Identifier.UPN, upn));
        }
        return new ChildSubject(null, ids, new PersonName(given, family, List.of()), born, PersonStatedGender.canonical(sex),
                postcode == null ? null : new Address(List.of(), null, postcode, null, null, null), null);
    }
}
