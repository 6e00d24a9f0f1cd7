package org.mashhub.hub.partner;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mashhub.hub.partner.PartnersProperties.PartnerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Partner connections as files, {@code {hub.connections.dir}/*.yaml}, one partner each: its id and kind, a reference to
 * its key's hash, the information sharing agreement it sends under, its limits, on or off. Read at start and looked at
 * again every {@code hub.connections.poll-interval}: a new file is a new partner, without a restart. A file with a
 * problem is refused with every problem named, and what was running from it before stays as it was.
 * Each change is announced as a {@link ConnectionsChanged} event (the partner registry, the agreements and the
 * schools' folder routes follow it).
 */
@Component
public class ConnectionFiles {

    /** {@code hub.connections}: where the connection files are and how often they are looked at. */
    @ConfigurationProperties("hub.connections")
    public record Properties(@DefaultValue("connections") Path dir, @DefaultValue("5s") java.time.Duration pollInterval) {
    }

    /** One connection file, as written. */
    public record Connection(String partner, PartnerKind kind, String name, Credentials credentials, String agreement, Limits limits,
                             Boolean enabled, OutboundChannel outbound, List<String> urns) {
    }

    /** How the partner hears back besides pulling: a webhook, its secrets named as environment variables or settings. */
    public record OutboundChannel(String channel, String url, @JsonProperty("signing-secrets-from") List<String> signingSecretsFrom) {
    }

    /** The key's hash, given as such or named: an environment variable or setting that holds it. */
    public record Credentials(@JsonProperty("api-key-hash") String apiKeyHash, @JsonProperty("api-key-hash-from") String apiKeyHashFrom) {
    }

    public record Limits(@JsonProperty("max-message-bytes") String maxMessageBytes) {
    }

    /** A file in force: the partner it makes, and its limit. */
    public record Accepted(String file, PartnerConfig partner, String agreement, DataSize maxMessageBytes) {
    }

    /** A file refused, and why. */
    public record Refused(String file, List<String> problems) {
    }

    /** Published when the set of connections in force changed. */
    public record ConnectionsChanged(List<String> partnerIds) {
    }

    private static final Logger log = LoggerFactory.getLogger(ConnectionFiles.class);

    private final Properties properties;
    private final PartnersProperties staticPartners;
    private final Path agreementsDir;
    private final Environment environment;
    private final ApplicationEventPublisher events;
    private final ObjectMapper yaml = com.fasterxml.jackson.dataformat.yaml.YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS).build();
    private volatile Map<String, Accepted> accepted = Map.of();
    private volatile List<Refused> refused = List.of();
    private volatile String lastSeen = "";

    ConnectionFiles(Properties properties, PartnersProperties staticPartners, Environment environment, ApplicationEventPublisher events) {
        this.properties = properties;
        this.staticPartners = staticPartners;
        this.agreementsDir = Path.of(environment.getProperty("hub.sharing.agreements-dir", "config/sharing"));
        this.environment = environment;
        this.events = events;
        reload();
    }

    /** The partners the files make, in force now. */
    public List<PartnerConfig> partners() {
        return accepted.values().stream().map(Accepted::partner).toList();
    }

    public List<Accepted> accepted() {
        return List.copyOf(accepted.values());
    }

    public List<Refused> refused() {
        return refused;
    }

    /** The partner's own message size limit, if its connection file sets one. */
    public java.util.Optional<DataSize> maxMessageBytes(String partnerId) {
        return accepted.values().stream().filter(a -> a.partner().id().equals(partnerId)).map(Accepted::maxMessageBytes)
                .filter(Objects::nonNull).findFirst();
    }

    @Scheduled(fixedDelayString = "${hub.connections.poll-interval:5s}", initialDelayString = "${hub.connections.poll-interval:5s}")
    void lookAgain() {
        try {
            if (!fingerprint().equals(lastSeen)) {
                reload();
            }
        } catch (IOException e) {
            log.warn("Connection files in {} not readable: {}", properties.dir(), e.getClass().getName());
        }
    }

    /** Reads every file; keeps what was in force from a file that now has a problem. */
    synchronized void reload() {
        Map<String, Accepted> previous = accepted;
        Map<String, Accepted> next = new LinkedHashMap<>();
        List<Refused> problems = new ArrayList<>();
        List<Path> files;
        try {
            lastSeen = fingerprint();
            files = files();
        } catch (IOException e) {
            log.warn("Connection files in {} not readable: {}", properties.dir(), e.getClass().getName());
            return;
        }
        Set<String> staticIds = staticPartners.partners().stream().map(PartnerConfig::id).collect(Collectors.toSet());
        Set<String> taken = new java.util.HashSet<>(staticIds);
        for (Path file : files) {
            String name = file.getFileName().toString();
            List<String> fileProblems = new ArrayList<>();
            Accepted connection = read(file, fileProblems);
            if (connection != null && !taken.add(connection.partner().id())) {
                fileProblems.add("partner " + connection.partner().id() + " is configured already (hub.partners or another file)");
            }
            if (fileProblems.isEmpty()) {
                next.put(name, connection);
            } else {
                problems.add(new Refused(name, fileProblems));
                log.error("Connection file {} refused: {}", name, String.join("; ", fileProblems));
                Accepted before = previous.get(name);
                if (before != null && taken.add(before.partner().id())) {
                    next.put(name, before); // what ran from it stays as it was
                }
            }
        }
        accepted = next;
        refused = List.copyOf(problems);
        if (!next.equals(previous)) {
            log.info("Partner connections in force: {}", next.values().stream().map(a -> a.partner().id()).toList());
            events.publishEvent(new ConnectionsChanged(next.values().stream().map(a -> a.partner().id()).toList()));
        }
    }

    private Accepted read(Path file, List<String> problems) {
        Connection c;
        try {
            c = yaml.readValue(file.toFile(), Connection.class);
        } catch (JsonMappingException e) {
            problems.add(e.getOriginalMessage() + " at " + e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]").collect(Collectors.joining(".")));
            return null;
        } catch (IOException e) {
            problems.add("not readable YAML");
            return null;
        }
        if (c == null) {
            problems.add("the file is empty");
            return null;
        }
        if (c.partner() == null || !c.partner().matches("[a-z0-9][a-z0-9-]{1,62}")) {
            problems.add("'partner' is required: lower-case letters, digits and hyphens");
        } else if (c.partner().equals(PartnerRegistry.HUB_ITSELF)) {
            problems.add("'partner' " + PartnerRegistry.HUB_ITSELF + " is the hub's own: choose another id");
        }
        if (c.kind() == null) {
            problems.add("'kind' is required: housing, police, health or schools");
        }
        String hash = null;
        if (c.credentials() == null || (c.credentials().apiKeyHash() == null) == (c.credentials().apiKeyHashFrom() == null)) {
            problems.add("'credentials' needs exactly one of api-key-hash or api-key-hash-from");
        } else if (c.credentials().apiKeyHash() != null) {
            hash = c.credentials().apiKeyHash();
        } else {
            hash = environment.getProperty(c.credentials().apiKeyHashFrom());
            if (hash == null) {
                problems.add("credentials.api-key-hash-from: " + c.credentials().apiKeyHashFrom() + " is not set");
            }
        }
        if (hash != null && !hash.matches(PartnerKeys.HASH_FORM)) {
            problems.add("the key's hash is not in a stored form such as {hmac-sha256}... (java -jar mash-hub.jar partner-key)");
        } else if (hash != null && hash.startsWith("{noop}")
                && !environment.getProperty("hub.security.demo-credentials-allowed", Boolean.class, false)) {
            problems.add("the key is stored as plain text ({noop}): only the demo and the tests may");
        }
        if (c.agreement() == null) {
            problems.add("'agreement' is required: the file of its information sharing agreement in " + agreementsDir);
        } else {
            checkAgreement(c, problems);
        }
        DataSize maxMessageBytes = null;
        if (c.limits() != null && c.limits().maxMessageBytes() != null) {
            try {
                maxMessageBytes = DataSize.parse(c.limits().maxMessageBytes());
            } catch (IllegalArgumentException e) {
                problems.add("limits.max-message-bytes: " + c.limits().maxMessageBytes() + " is not a size such as 512KB or 2MB");
            }
            if (maxMessageBytes != null && maxMessageBytes.toBytes() <= 0) {
                problems.add("limits.max-message-bytes must be more than nothing");
            }
        }
        PartnersProperties.Outbound outbound = outbound(c.outbound(), problems);
        if (outbound != null && outbound.channel().equals("fhir-messaging") && c.kind() != PartnerKind.HEALTH) {
            problems.add("outbound.channel: fhir-messaging is for health partners");
        }
        if (outbound != null && outbound.channel().equals("soap-callback") && c.kind() != PartnerKind.POLICE) {
            problems.add("outbound.channel: soap-callback is for police forces");
        }
        List<String> urns = c.urns() == null ? List.of() : c.urns();
        urns.stream().filter(u -> u == null || !u.matches("[0-9]{6}"))
                .forEach(u -> problems.add("urns: " + u + " is not a school's URN (six digits)"));
        if (!urns.isEmpty() && c.kind() != PartnerKind.SCHOOLS) {
            problems.add("urns: only a school partner (kind: schools) has schools");
        }
        if (!problems.isEmpty()) {
            return null;
        }
        PartnerConfig partner = new PartnerConfig(c.partner(), c.kind(), c.name(), hash, c.enabled() == null || c.enabled(), outbound,
                urns);
        return new Accepted(file.getFileName().toString(), partner, c.agreement(), maxMessageBytes);
    }

    /** The push channel as the hub uses it, its secrets read from where the file names them; null for pull only. */
    private PartnersProperties.Outbound outbound(OutboundChannel o, List<String> problems) {
        if (o == null) {
            return null;
        }
        if (!List.of("webhook", "fhir-messaging", "soap-callback").contains(o.channel())) {
            problems.add("outbound.channel: webhook, fhir-messaging for health, or soap-callback for police (or no outbound: the "
                    + "partner pulls, as every partner can)");
            return null;
        }
        java.net.URI url = null;
        try {
            url = o.url() == null ? null : java.net.URI.create(o.url());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (url == null || url.getHost() == null || !List.of("https", "http").contains(String.valueOf(url.getScheme()))) {
            problems.add("outbound.url: the partner's HTTPS address for notifications is required");
        } else if ("http".equals(url.getScheme()) && !environment.getProperty("hub.security.demo-credentials-allowed", Boolean.class, false)) {
            problems.add("outbound.url: notifications carry personal data; only https, outside the demo and the tests");
        }
        List<String> secrets = new java.util.ArrayList<>();
        if ("soap-callback".equals(o.channel()) && (o.signingSecretsFrom() == null || o.signingSecretsFrom().isEmpty())) {
            return new PartnersProperties.Outbound(o.channel(), url, List.of()); // the force's TLS, not a signature
        }
        if (o.signingSecretsFrom() == null || o.signingSecretsFrom().isEmpty()) {
            problems.add("outbound.signing-secrets-from: the environment variable (or setting) holding the partner's whsec_ secret");
        } else {
            for (String name : o.signingSecretsFrom()) {
                String secret = environment.getProperty(name);
                if (secret == null) {
                    problems.add("outbound.signing-secrets-from: " + name + " is not set");
                    continue;
                }
                try {
                    org.mashhub.hub.edge.WebhookSignature.Secret.parse(secret);
                    secrets.add(secret);
                } catch (IllegalArgumentException e) {
                    problems.add("outbound.signing-secrets-from: " + name + " is not a whsec_ secret: " + e.getMessage());
                }
            }
        }
        return new PartnersProperties.Outbound(o.channel(), url, secrets);
    }

    /** The agreement must be a file of the agreements folder that names this partner. */
    private void checkAgreement(Connection c, List<String> problems) {
        Path agreement = agreementsDir.resolve(c.agreement()).normalize();
        if (!agreement.startsWith(agreementsDir.normalize()) || !Files.isRegularFile(agreement)) {
            problems.add("agreement: there is no file " + c.agreement() + " in " + agreementsDir);
            return;
        }
        try {
            Object partner = yaml.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(agreement.toFile(), Map.class).get("partner");
            if (!Objects.equals(partner, c.partner())) {
                problems.add("agreement: " + c.agreement() + " is for partner " + partner + ", not " + c.partner());
            }
        } catch (IOException e) {
            problems.add("agreement: " + c.agreement() + " is not readable YAML");
        }
    }

    private List<Path> files() throws IOException {
        if (!Files.isDirectory(properties.dir())) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(properties.dir())) {
            return listing.filter(f -> f.getFileName().toString().matches("[^.].*\\.ya?ml")).sorted().toList();
        }
    }

    /** Names, sizes and times of the files (and of the agreements they name): a change in any means a look. */
    private String fingerprint() throws IOException {
        StringBuilder seen = new StringBuilder();
        for (Path dir : List.of(properties.dir(), agreementsDir)) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> listing = Files.list(dir)) {
                    for (Path f : listing.sorted().toList()) {
                        seen.append(f.getFileName()).append(':').append(Files.size(f)).append(':')
                                .append(Files.getLastModifiedTime(f).toMillis()).append(';');
                    }
                }
            }
        }
        return seen.toString();
    }
}
