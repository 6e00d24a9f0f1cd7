package org.mashhub.hub.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.Problem;
import org.mashhub.schemas.events.ChildSubject;
import org.mashhub.schemas.events.Identifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the case system's known children, NDJSON, in batches of a thousand lines per transaction. A child
 * whose identifiers (case-system person id, NHS Number, UPN) the index knows is updated; one it does not
 * is filed as new; a line whose identifiers belong to different children is refused (a person must decide),
 * as is a line that breaks the format. Nothing is matched probabilistically here: the case system's own
 * records are not merged on a score.
 */
@Component
class KnownChildrenLoad {

    /** What a load did. {@code problems} holds the first hundred refused lines' problems. */
    record Summary(int lines, int created, int updated, int rejected, List<LineProblem> problems) {
    }

    record LineProblem(int line, String pointer, String detail) {
    }

    static final int BATCH = 1000;
    /** Batches between refreshes of the database's statistics during a load. */
    private static final int BATCHES_PER_STATISTICS = 20;
    private static final int MAX_PROBLEMS = 100;

    private final ChildProfiles profiles;
    private final IndexStatistics statistics;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ObjectReader reader = CanonicalJson.mapper().readerFor(KnownChild.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    KnownChildrenLoad(ChildProfiles profiles, IndexStatistics statistics, TransactionTemplate transactions, Clock clock) {
        this.profiles = profiles;
        this.statistics = statistics;
        this.transactions = transactions;
        this.clock = clock;
    }

    Summary load(InputStream ndjson) throws IOException {
        Counts counts = new Counts();
        Map<Integer, ChildSubject> batch = new LinkedHashMap<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(ndjson, StandardCharsets.UTF_8))) {
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                counts.lines++;
                ChildSubject subject = parse(number, line, counts);
                if (subject != null) {
                    batch.put(number, subject);
                }
                if (batch.size() == BATCH) {
                    store(batch, counts);
                }
            }
        }
        store(batch, counts);
        if (counts.lines >= BATCH) {
            statistics.refresh();
        }
        return new Summary(counts.lines, counts.created, counts.updated, counts.rejected, counts.problems);
    }

    private ChildSubject parse(int number, String line, Counts counts) {
        KnownChild child;
        try {
            child = reader.readValue(line);
        } catch (JsonProcessingException e) {
            counts.reject(number, List.of(Problem.at("", "not a JSON object of the known-child fields: " + e.getOriginalMessage())));
            return null;
        }
        List<Problem> problems = child.problems(true, clock);
        if (!problems.isEmpty()) {
            counts.reject(number, problems);
            return null;
        }
        return child.subject();
    }

    private void store(Map<Integer, ChildSubject> batch, Counts counts) {
        if (batch.isEmpty()) {
            return;
        }
        if (++counts.batches % BATCHES_PER_STATISTICS == 0) {
            statistics.refresh();
        }
        transactions.executeWithoutResult(status -> {
            List<Identifier> all = new ArrayList<>();
            batch.values().forEach(s -> all.addAll(ChildProfiles.usable(s)));
            Map<Identifier, String> owners = new HashMap<>(profiles.ownersOf(all));
            Map<String, ChildSubject> created = new LinkedHashMap<>();
            for (Map.Entry<Integer, ChildSubject> line : batch.entrySet()) {
                Set<String> lineOwners = new LinkedHashSet<>();
                for (Identifier id : ChildProfiles.usable(line.getValue())) {
                    if (owners.containsKey(id)) {
                        lineOwners.add(owners.get(id));
                    }
                }
                if (lineOwners.size() > 1) {
                    counts.reject(line.getKey(), List.of(Problem.at("", "its identifiers belong to different children in the index")));
                } else if (lineOwners.size() == 1) {
                    String owner = lineOwners.iterator().next();
                    if (created.containsKey(owner)) {
                        counts.reject(line.getKey(), List.of(Problem.at("", "the same child appears twice in one batch")));
                        continue;
                    }
                    profiles.learn(owner, line.getValue(), null);
                    counts.updated++;
                } else {
                    String id = UUID.randomUUID().toString();
                    created.put(id, line.getValue());
                    ChildProfiles.usable(line.getValue()).forEach(identifier -> owners.put(identifier, id));
                    counts.created++;
                }
            }
            profiles.createAll(created);
        });
        batch.clear();
    }

    private static final class Counts {
        int lines;
        int created;
        int updated;
        int rejected;
        int batches;
        final List<LineProblem> problems = new ArrayList<>();

        void reject(int line, List<Problem> lineProblems) {
            rejected++;
            for (Problem p : lineProblems) {
                if (problems.size() < MAX_PROBLEMS) {
                    problems.add(new LineProblem(line, p.pointer(), p.detail()));
                }
            }
        }
    }
}
