package org.mashhub.bench.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Known children and labelled partner records about them and about children never seen, from one of the two
 * generators, and as NDJSON files: {@code known.ndjson} in the hub's load format
 * ({@code POST /api/v1/identity/children}) and {@code records.ndjson}, one labelled record a line:
 * {@code {"record": {givenName, familyName, birthDate, sex?, postcode?, nhsNumber?, upn?}, "caseSystemPersonId": "…" or null,
 * "note": "…"}}, the format {@code bench/identity.sh evaluate} reads.
 */
record LabelledSet(List<SyntheticChild> known, List<PartnerRecord> records) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Generator {@code a} ({@link SyntheticPopulation}) or {@code b} ({@link CountyRegister}). */
    static LabelledSet generate(String generator, int children, int records, long seed) {
        return switch (generator) {
            case "a" -> SyntheticPopulation.labelledSet(children, records, seed);
            case "b" -> new CountyRegister(seed).generate(children, records);
            default -> throw new IllegalArgumentException("the generator is a or b, not " + generator);
        };
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        try (BufferedWriter out = Files.newBufferedWriter(directory.resolve("known.ndjson"))) {
            for (SyntheticChild child : known) {
                out.write(knownLine(child).toString());
                out.newLine();
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(directory.resolve("records.ndjson"))) {
            for (PartnerRecord record : records) {
                ObjectNode line = JSON.createObjectNode();
                line.set("record", fields(JSON.createObjectNode(), record.nhsNumber(), record.upn(), record.given(), record.family(),
                        record.birthDate(), record.sex(), record.postcode()));
                line.put("caseSystemPersonId", record.truth());
                line.put("note", record.noise());
                out.write(line.toString());
                out.newLine();
            }
        }
    }

    /** Labelled records from a file as {@link #write} writes it (or a council's own). */
    static List<PartnerRecord> readRecords(Path file) throws IOException {
        List<PartnerRecord> records = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            JsonNode r = node.get("record");
            records.add(new PartnerRecord(node.path("caseSystemPersonId").isNull() ? null : node.path("caseSystemPersonId").asText(null),
                    text(r, "nhsNumber"), text(r, "upn"), text(r, "givenName"), text(r, "familyName"),
                    r.hasNonNull("birthDate") ? LocalDate.parse(r.get("birthDate").asText()) : null, text(r, "sex"), text(r, "postcode"),
                    node.path("note").asText("")));
        }
        return records;
    }

    static ObjectNode knownLine(SyntheticChild child) {
        ObjectNode line = JSON.createObjectNode().put("caseSystemPersonId", child.caseSystemPersonId());
        return fields(line, child.nhsNumber(), child.upn(), child.given(), child.family(), child.birthDate(), child.sex(), child.postcode());
    }

    static ObjectNode fields(ObjectNode node, String nhs, String upn, String given, String family, LocalDate born, String sex,
                             String postcode) {
        if (nhs != null) {
            node.put("nhsNumber", nhs);
        }
        if (upn != null) {
            node.put("upn", upn);
        }
        node.put("givenName", given).put("familyName", family);
        if (born != null) {
            node.put("birthDate", born.toString());
        }
        if (sex != null) {
            node.put("sex", sex);
        }
        if (postcode != null) {
            node.put("postcode", postcode);
        }
        return node;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
