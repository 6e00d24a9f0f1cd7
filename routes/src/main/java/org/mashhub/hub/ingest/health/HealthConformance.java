package org.mashhub.hub.ingest.health;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.MessageDefinition;
import org.mashhub.adapters.health.HealthFhir;
import org.mashhub.schemas.CanonicalJson;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The hub's own FHIR conformance resources, as a partner's developer and validator need them: the profiles, code
 * systems and value sets of {@code schemas/health/profiles}, and a MessageDefinition for each message event. Served
 * read-only under {@code /fhir} ({@code [type]/[id]}, and {@code [type]?url=}), and as a FHIR package ({@code
 * package.tgz}, NPM layout) that the HL7 validator loads with {@code -ig}.
 */
@Component
public class HealthConformance {

    static final String PACKAGE_NAME = "mash-hub.health";
    static final String PACKAGE_VERSION = "1.0.0";
    /** The message events and what each is about: its focus resource and the hub's profile of it. */
    static final Map<String, String[]> EVENTS = Map.of(
            "safeguarding-concern", new String[] {"Communication", HealthFhir.PROFILE_COMMUNICATION},
            "emergency-attendance", new String[] {"Encounter", HealthFhir.PROFILE_EMERGENCY_ENCOUNTER},
            "consent-update", new String[] {"Consent", HealthFhir.PROFILE_CONSENT},
            "patient-update", new String[] {"Patient", HealthFhir.PROFILE_PATIENT});

    private final HealthFhir fhir;
    /** By resource type, then id. */
    private final Map<String, Map<String, MetadataResource>> resources = new LinkedHashMap<>();
    private final byte[] npmPackage;

    public HealthConformance(HealthFhir fhir) {
        this.fhir = fhir;
        try {
            var found = new PathMatchingResourcePatternResolver().getResources("classpath*:schemas/health/profiles/*.json");
            for (var file : found) {
                try (InputStream in = file.getInputStream()) {
                    add((MetadataResource) fhir.context().newJsonParser().parseResource(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EVENTS.forEach((code, focus) -> add(messageDefinition(code, focus[0], focus[1])));
        this.npmPackage = pack();
    }

    public Optional<MetadataResource> read(String type, String id) {
        return Optional.ofNullable(resources.getOrDefault(type, Map.of()).get(id));
    }

    /** Every resource of a type, or those with this canonical URL (a version after {@code |} is ignored). */
    public List<MetadataResource> search(String type, String url) {
        Collection<MetadataResource> all = resources.getOrDefault(type, Map.of()).values();
        String wanted = url == null ? null : url.split("\\|")[0];
        return all.stream().filter(r -> wanted == null || wanted.equals(r.getUrl())).toList();
    }

    public boolean serves(String type) {
        return resources.containsKey(type);
    }

    /** The supported messages, by their MessageDefinition's canonical URL. */
    public List<String> messageDefinitions() {
        return search("MessageDefinition", null).stream().map(MetadataResource::getUrl).sorted().toList();
    }

    public byte[] npmPackage() {
        return npmPackage.clone();
    }

    private void add(MetadataResource resource) {
        resources.computeIfAbsent(resource.fhirType(), t -> new LinkedHashMap<>()).put(resource.getIdElement().getIdPart(), resource);
    }

    private static MessageDefinition messageDefinition(String code, String focusType, String profile) {
        MessageDefinition definition = new MessageDefinition();
        definition.setId(code);
        definition.setUrl(HealthFhir.BASE + "/MessageDefinition/" + code);
        definition.setVersion("1");
        definition.setName(code.replace("-", "_"));
        definition.setStatus(Enumerations.PublicationStatus.ACTIVE);
        definition.setDate(new java.util.Date(0));
        definition.setPublisher("MASH Hub");
        definition.setEvent(new Coding(HealthFhir.MESSAGE_EVENT_SYSTEM, code, null));
        definition.setCategory(MessageDefinition.MessageSignificanceCategory.NOTIFICATION);
        definition.addFocus().setCode(focusType).setProfile(profile).setMin(1).setMax("1");
        definition.setResponseRequired(MessageDefinition.MessageheaderResponseRequest.ALWAYS);
        return definition;
    }

    /** The NPM layout: package/package.json, package/.index.json and one file per resource. */
    private byte[] pack() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
                List<Map<String, Object>> index = new ArrayList<>();
                for (Map<String, MetadataResource> ofType : resources.values()) {
                    for (MetadataResource resource : ofType.values()) {
                        String name = resource.fhirType() + "-" + resource.getIdElement().getIdPart() + ".json";
                        write(tar, "package/" + name, fhir.context().newJsonParser().encodeResourceToString(resource));
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("filename", name);
                        entry.put("resourceType", resource.fhirType());
                        entry.put("id", resource.getIdElement().getIdPart());
                        entry.put("url", resource.getUrl());
                        entry.put("version", resource.getVersion());
                        index.add(entry);
                    }
                }
                write(tar, "package/package.json", CanonicalJson.mapper().writeValueAsString(Map.of(
                        "name", PACKAGE_NAME, "version", PACKAGE_VERSION, "canonical", HealthFhir.BASE,
                        "fhirVersions", List.of("4.0.1"), "type", "fhir.ig",
                        "description", "MASH Hub's profiles, code systems, value sets and message definitions for health partners",
                        "dependencies", Map.of("hl7.fhir.r4.core", "4.0.1"))));
                write(tar, "package/.index.json", CanonicalJson.mapper().writeValueAsString(Map.of("index-version", 1, "files", index)));
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(data.length);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
    }
}
