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

    /** The lawful bases an agreement, or a request for information, may name. */
    public static final Set<String> LAWFUL_BASES = Set.of("UK-GDPR-6-1-e", "UK-GDPR-6-1-c", "UK-GDPR-9-2-g", "UK-GDPR-9-2-h",
            "DPA-2018-SCH1-PARA18");
    private static final Set<String> CATEGORIES = Arrays.stream(DataCategory.values()).map(DataCategory::code)
            .collect(Collectors.toUnmodifiableSet());
    private static final Logger log = LoggerFactory.getLogger(Agreements.class);

    private final Path dir;
    private final PartnerRegistry partners;
    private volatile Map<String, List<Agreement>> byPartner = Map.of();
    private volatile List<Agreement> all = List.of();

    public Agreements(SharingProperties properties, PartnerRegistry partners) throws IOException {
        this.dir = properties.agreementsDir();
        this.partners = partners;
        if (!Files.isDirectory(dir)) {
            log.warn("No agreements folder at {}: every partner's events will be withheld", dir.toAbsolutePath());
            return;
        }
        List<String> problems = load();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Information sharing agreements in " + dir + " are not usable:\n  - "
                    + String.join("\n  - ", problems));
        }
        log.info("{} information sharing agreement(s) from {}", all.size(), dir);
    }

    /**
     * A partner connection changed (a new partner comes with its agreement): the folder is read again. Should it now
     * have a problem, the agreements in force stay as they were, and the problem is logged.
     */
    @org.springframework.context.event.EventListener
    void connectionsChanged(org.mashhub.hub.partner.ConnectionFiles.ConnectionsChanged changed) throws IOException {
        List<String> problems = load();
        if (problems.isEmpty()) {
            log.info("{} information sharing agreement(s) from {}", all.size(), dir);
        } else {
            log.error("Information sharing agreements in {} not reloaded: {}", dir, String.join("; ", problems));
        }
    }

    /** Reads and checks every file; swaps the agreements in force only when all are usable. */
    private synchronized List<String> load() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        List<String> problems = new ArrayList<>();
        List<Path> files = List.of();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> listing = Files.list(dir)) {
                files = listing.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
            }
        }
        Map<String, Path> ids = new HashMap<>();
        Map<String, List<Agreement>> nextByPartner = new HashMap<>();
        List<Agreement> next = new ArrayList<>();
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
                next.add(agreement);
                nextByPartner.computeIfAbsent(agreement.partner(), p -> new ArrayList<>()).add(agreement);
            }
        }
        if (problems.isEmpty()) {
            byPartner = nextByPartner;
            all = List.copyOf(next);
        }
        return problems;
    }

    /** The partner's agreement in force on that day, if any (a later-starting one wins where two overlap). */
    public Optional<Agreement> inForce(String partnerId, LocalDate day) {
        return byPartner.getOrDefault(partnerId, List.of()).stream().filter(a -> a.inForce(day))
                .max((a, b) -> (a.validFrom() == null ? LocalDate.MIN : a.validFrom())
                        .compareTo(b.validFrom() == null ? LocalDate.MIN : b.validFrom()));
    }

    public List<Agreement> all() {
        return all;
    }

    /**
     * Whether staff in these roles may read a partner's information of this category under the agreement in force
     * that day: yes where the agreement names no roles for it (where there is no agreement, the policy withholds it).
     */
    public boolean readableBy(String partnerId, String category, java.util.Collection<String> roles, LocalDate day) {
        Optional<Agreement> agreement = inForce(partnerId, day);
        if (agreement.isEmpty() || category == null) {
            return true;
        }
        Agreement.Category covered = agreement.get().categories().get(category);
        return covered == null || covered.roles() == null || covered.roles().stream().anyMatch(roles::contains);
    }

    private static List<String> check(Agreement a, PartnerRegistry partners) {
        List<String> problems = new ArrayList<>();
        if (a.agreement() == null || a.agreement().isBlank()) {
            problems.add("'agreement' (its id) is required");
        }
        if (a.partner() == null) {
            problems.add("'partner' is required");
        } else if (partners.byId(a.partner()).isEmpty()) {
            // Connections come and go while agreements stay: an agreement for no partner is unused, not wrong.
            log.warn("Agreement {} names {}, which is not a partner now (hub.partners or a connection file)", a.agreement(), a.partner());
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
        if (a.outbound() != null) {
            a.outbound().forEach((name, o) -> {
                String at = "outbound." + name;
                if (!Agreement.OUTBOUND.contains(name)) {
                    problems.add(at + ": not a kind of notification (" + String.join(", ", Agreement.OUTBOUND.stream().sorted().toList()) + ")");
                } else if (o == null || o.lawfulBasis() == null || o.lawfulBasis().isEmpty()) {
                    problems.add(at + ".lawful-basis: at least one is required");
                } else {
                    o.lawfulBasis().stream().filter(b -> !LAWFUL_BASES.contains(b))
                            .forEach(b -> problems.add(at + ".lawful-basis: " + b + " is not one of " + LAWFUL_BASES));
                }
            });
        }
        return problems;
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
