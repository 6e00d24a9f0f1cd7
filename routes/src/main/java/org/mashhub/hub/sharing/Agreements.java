package org.mashhub.hub.sharing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mashhub.hub.partner.PartnerRegistry;
import org.mashhub.hub.security.StaffRole;
import org.mashhub.schemas.events.DataCategory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Information Sharing Agreements in force, read from {@code hub.sharing.agreements-dir} at start-up and
 * checked: any problem in any file stops the hub, naming the file and every problem. A folder that is not
 * there is no agreements at all: every event is withheld.
 */
@Component
public class Agreements {

    static final Set<String> LAWFUL_BASES = Set.of("UK-GDPR-6-1-e", "UK-GDPR-6-1-c", "UK-GDPR-9-2-g", "UK-GDPR-9-2-h",
            "DPA-2018-SCH1-PARA18");
    private static final Set<String> CATEGORIES = Arrays.stream(DataCategory.values()).map(DataCategory::code)
            .collect(Collectors.toUnmodifiableSet());
    private static final Logger log = LoggerFactory.getLogger(Agreements.class);

    private final Map<String, List<Agreement>> byPartner = new HashMap<>();
    private final List<Agreement> all = new ArrayList<>();

    public Agreements(SharingProperties properties, PartnerRegistry partners) throws IOException {
        Path dir = properties.agreementsDir();
        if (!Files.isDirectory(dir)) {
            log.warn("No agreements folder at {}: every partner's events will be withheld", dir.toAbsolutePath());
            return;
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        List<String> problems = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        }
        Map<String, Path> ids = new HashMap<>();
        for (Path file : files) {
            Agreement agreement;
            try {
                agreement = yaml.readValue(file.toFile(), Agreement.class);
            } catch (JsonMappingException e) {
                problems.add(file.getFileName() + ": " + e.getOriginalMessage() + " at " + pathOf(e));
                continue;
            } catch (IOException e) {
                problems.add(file.getFileName() + ": not readable YAML: " + e.getMessage());
                continue;
            }
            List<String> fileProblems = check(agreement, partners);
            if (agreement.agreement() != null && ids.putIfAbsent(agreement.agreement(), file) != null) {
                fileProblems.add("agreement id " + agreement.agreement() + " is also used by " + ids.get(agreement.agreement()).getFileName());
            }
            fileProblems.forEach(p -> problems.add(file.getFileName() + ": " + p));
            if (fileProblems.isEmpty()) {
                all.add(agreement);
                byPartner.computeIfAbsent(agreement.partner(), p -> new ArrayList<>()).add(agreement);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Information sharing agreements in " + dir + " are not usable:\n  - "
                    + String.join("\n  - ", problems));
        }
        log.info("{} information sharing agreement(s) from {}", all.size(), dir);
    }

    /** The partner's agreement in force on that day, if any (a later-starting one wins where two overlap). */
    public Optional<Agreement> inForce(String partnerId, LocalDate day) {
        return byPartner.getOrDefault(partnerId, List.of()).stream().filter(a -> a.inForce(day))
                .max((a, b) -> (a.validFrom() == null ? LocalDate.MIN : a.validFrom())
                        .compareTo(b.validFrom() == null ? LocalDate.MIN : b.validFrom()));
    }

    public List<Agreement> all() {
        return List.copyOf(all);
    }

    private static List<String> check(Agreement a, PartnerRegistry partners) {
        List<String> problems = new ArrayList<>();
        if (a.agreement() == null || a.agreement().isBlank()) {
            problems.add("'agreement' (its id) is required");
        }
        if (a.partner() == null || partners.byId(a.partner()).isEmpty()) {
            problems.add("'partner' " + a.partner() + " is not a partner of this hub (hub.partners)");
        }
        if (a.validFrom() != null && a.validTo() != null && a.validTo().isBefore(a.validFrom())) {
            problems.add("'valid-to' is before 'valid-from'");
        }
        if (a.categories() == null || a.categories().isEmpty()) {
            problems.add("'categories' is required: the data categories the partner may send");
            return problems;
        }
        a.categories().forEach((name, c) -> {
            String at = "categories." + name;
            if (!CATEGORIES.contains(name)) {
                problems.add(at + ": not a data category (" + String.join(", ", CATEGORIES.stream().sorted().toList()) + ")");
            }
            if (c == null) {
                problems.add(at + ": is empty");
                return;
            }
            if (c.lawfulBasis() == null || c.lawfulBasis().isEmpty()) {
                problems.add(at + ".lawful-basis: at least one is required");
            } else {
                c.lawfulBasis().stream().filter(b -> !LAWFUL_BASES.contains(b))
                        .forEach(b -> problems.add(at + ".lawful-basis: " + b + " is not one of " + LAWFUL_BASES));
            }
            if (c.consentRequired() == null) {
                problems.add(at + ".consent-required: true or false is required");
            }
            if (c.caseSystem() == null) {
                problems.add(at + ".case-system: true or false is required");
            }
            if (!"withhold".equals(c.ifConsentRefused()) && !"redact".equals(c.ifConsentRefused())) {
                problems.add(at + ".if-consent-refused: must be withhold or redact");
            }
            if (c.roles() != null) {
                c.roles().stream().filter(r -> Arrays.stream(StaffRole.values()).noneMatch(s -> s.name().equals(r)))
                        .forEach(r -> problems.add(at + ".roles: " + r + " is not a staff role"));
            }
            if (c.retention() == null || c.retention().isNegative() || c.retention().isZero()) {
                problems.add(at + ".retention: a period such as P6Y is required");
            }
        });
        return problems;
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
