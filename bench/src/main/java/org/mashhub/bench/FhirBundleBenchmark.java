package org.mashhub.bench;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.mashhub.adapters.Envelope;
import org.mashhub.adapters.MappedMessage;
import org.mashhub.adapters.health.FhirFormat;
import org.mashhub.adapters.health.HealthFhir;
import org.mashhub.adapters.health.HealthMessageAdapter;
import org.mashhub.adapters.health.HealthRecordAdapter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * FHIR bundles per second through the health adapters (parse, validate against the hub's profiles, map
 * to events), against a plain HAPI parse of the same bytes: the ratio says what validation and mapping
 * cost. Bundles: each message example, the Synthea child export (159 resources), and a 100-child
 * export built from the EPR example (the size at which a HAPI regression once took 13 s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FhirBundleBenchmark {

    @Param({"message-safeguarding-concern", "message-emergency-attendance", "synthea-child-transaction", "hundred-children"})
    public String bundle;

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
    private static final Envelope ENVELOPE = new Envelope("health-bench", "00000000-0000-4000-8000-000000000001", "bench",
            Instant.parse("2026-11-22T12:00:00Z"));

    private byte[] body;
    private FhirContext plainContext;
    private HealthMessageAdapter messages;
    private HealthRecordAdapter records;

    @Setup
    public void setUp() throws IOException {
        Path examples = Path.of(System.getProperty("examples", "schemas/health/examples"));
        body = bundle.equals("hundred-children")
                ? HundredChildren.export(Files.readString(examples.resolve("transaction-epr-export.json"))).getBytes(StandardCharsets.UTF_8)
                : Files.readAllBytes(examples.resolve(bundle + ".json"));
        plainContext = FhirContext.forR4();
        HealthFhir fhir = new HealthFhir();
        messages = new HealthMessageAdapter(fhir, CLOCK);
        records = new HealthRecordAdapter(fhir, CLOCK);
        if (hub().events().isEmpty() && !bundle.contains("consent")) {
            throw new IllegalStateException("the benchmark bundle maps to no events: " + bundle);
        }
    }

    @Benchmark
    public Bundle plainHapiParse() {
        return plainContext.newJsonParser().parseResource(Bundle.class, new String(body, StandardCharsets.UTF_8));
    }

    @Benchmark
    public MappedMessage hubParseValidateMap() {
        return hub();
    }

    private MappedMessage hub() {
        if (bundle.startsWith("message-")) {
            return messages.toEvents(messages.parse(body, FhirFormat.JSON), ENVELOPE);
        }
        HealthRecordAdapter.HealthRecord record = records.parse(body, FhirFormat.JSON);
        return records.toEvents(record, "bench", ENVELOPE);
    }
}
