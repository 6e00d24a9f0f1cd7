package org.mashhub.hub.partner;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mashhub.hub.partner.PartnersProperties.PartnerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Finds the partner an API key belongs to, in microseconds whatever the key.
 *
 * <p>Keys stored as {@code {hmac-sha256}} (see {@link PartnerKeys}) are found by their HMAC in a map; {@code {noop}}
 * keys (tests and the demo only: refused elsewhere at start) by the key itself. A key stored as a slow password hash
 * ({@code {bcrypt}}, as the hub wrote them before) is checked only when the key names its partner
 * ({@code mhk_<id>_...}), against that one partner's hash, and a success is remembered for a few minutes under the
 * key's SHA-256 (in memory only). A made-up key therefore never costs a slow hash unless it names a partner, and the
 * failed-key limit stops a source that keeps trying.
 */
@Component
public class PartnerRegistry {

    /**
     * The source of what the hub itself records for the case system (the MASH's decisions): the council's own record,
     * never a partner's, so no partner may take this id and no sharing agreement applies to it.
     */
    public static final String HUB_ITSELF = "mash-hub";


    private static final Duration REMEMBER_FOR = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(PartnerRegistry.class);

    private final List<PartnerConfig> configured;
    private final ConnectionFiles connections;
    private final PartnerKeys keys;
    private final PasswordEncoder slowHashes = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final Cache<String, PartnerConfig> slowChecksPassed = Caffeine.newBuilder()
            .maximumSize(1_000)
            .expireAfterWrite(REMEMBER_FOR)
            .build();
    private volatile Index index;

    public PartnerRegistry(PartnersProperties properties) {
        this(properties, null);
    }

    @Autowired
    public PartnerRegistry(PartnersProperties properties, ConnectionFiles connections) {
        if (properties.partners().stream().anyMatch(p -> p.id().equals(HUB_ITSELF))) {
            throw new IllegalStateException("hub.partners: " + HUB_ITSELF + " is the hub's own id; no partner may have it");
        }
        this.configured = properties.partners();
        this.connections = connections;
        this.keys = new PartnerKeys(properties.partnerKeyPepper());
    }

    /** The enabled partners by how their keys are found. */
    private record Index(Map<String, PartnerConfig> byHmac, Map<String, PartnerConfig> byPlainKey,
                         Map<String, PartnerConfig> slowById) {
    }

    /** The partners of the settings ({@code hub.partners}) and of the connection files in force. */
    private List<PartnerConfig> partners() {
        if (connections == null) {
            return configured;
        }
        List<PartnerConfig> all = new ArrayList<>(configured);
        all.addAll(connections.partners());
        return all;
    }

    private Index index() {
        Index current = index;
        if (current == null) {
            Map<String, PartnerConfig> byHmac = new HashMap<>();
            Map<String, PartnerConfig> byPlainKey = new HashMap<>();
            Map<String, PartnerConfig> slowById = new HashMap<>();
            for (PartnerConfig p : partners()) {
                if (!p.enabled()) {
                    continue;
                }
                String hash = p.apiKeyHash();
                if (hash.startsWith(PartnerKeys.HMAC)) {
                    if (!keys.hasPepper()) {
                        log.warn("Partner {}: its key is stored as {} but hub.partner-key-pepper is not set; it cannot sign in",
                                p.id(), PartnerKeys.HMAC);
                    }
                    byHmac.put(hash.substring(PartnerKeys.HMAC.length()).toLowerCase(), p);
                } else if (hash.startsWith("{noop}")) {
                    byPlainKey.put(hash.substring("{noop}".length()), p);
                } else {
                    slowById.put(p.id(), p);
                }
            }
            current = new Index(byHmac, byPlainKey, slowById);
            index = current;
        }
        return current;
    }

    /** A connection changed: keys are looked up afresh (a removed or disabled partner stops at once). */
    @EventListener
    void connectionsChanged(ConnectionFiles.ConnectionsChanged changed) {
        index = null;
        slowChecksPassed.invalidateAll();
    }

    /** The enabled partner this key belongs to, if any. */
    public Optional<Partner> authenticate(String apiKey) {
        return authenticate(apiKey, true);
    }

    /** @param slowHashAllowed whether a key naming a partner whose key is stored as a slow hash may be checked */
    public Optional<Partner> authenticate(String apiKey, boolean slowHashAllowed) {
        if (apiKey == null || apiKey.isBlank() || apiKey.length() > 512) {
            return Optional.empty();
        }
        Index current = index();
        PartnerConfig found = keys.hasPepper() && !current.byHmac().isEmpty() ? current.byHmac().get(keys.hmacHex(apiKey)) : null;
        if (found == null) {
            found = current.byPlainKey().get(apiKey);
        }
        if (found == null && slowHashAllowed) {
            found = PartnerKeys.partnerIdOf(apiKey).map(current.slowById()::get)
                    .map(named -> slowChecksPassed.get(sha256(apiKey), digest ->
                            slowHashes.matches(apiKey, named.apiKeyHash()) ? named : null))
                    .orElse(null);
        }
        return Optional.ofNullable(found).map(PartnerRegistry::partner);
    }

    /** The enabled partners of a kind, e.g. the school partners whose folders are watched. */
    public List<Partner> enabled(PartnerKind kind) {
        return partners().stream().filter(PartnerConfig::enabled).filter(p -> p.kind() == kind)
                .map(PartnerRegistry::partner)
                .toList();
    }

    /** Every partner configured, in the hub's settings or by a connection file, enabled or not. */
    public List<PartnersProperties.PartnerConfig> configured() {
        return List.copyOf(partners());
    }

    public Optional<Partner> byId(String partnerId) {
        return partners().stream().filter(p -> p.id().equals(partnerId))
                .findFirst()
                .map(PartnerRegistry::partner);
    }

    /** The partners that hear back through a push channel, enabled, with the channel. */
    public List<PartnersProperties.PartnerConfig> pushedTo() {
        return partners().stream().filter(PartnerConfig::enabled).filter(p -> p.outbound() != null).toList();
    }

    /** The enabled school partners that have the school with this URN. */
    public List<Partner> schoolsWithUrn(String urn) {
        return partners().stream().filter(PartnerConfig::enabled).filter(p -> p.kind() == PartnerKind.SCHOOLS && p.urns().contains(urn))
                .map(PartnerRegistry::partner).toList();
    }

    /** The kind of agency a partner is, in the words the MASH uses: police, health, education, housing (other if unknown). */
    public String agency(String partnerId) {
        return byId(partnerId).map(p -> switch (p.kind()) {
            case POLICE -> "police";
            case HEALTH -> "health";
            case SCHOOLS -> "education";
            case HOUSING -> "housing";
        }).orElse("other");
    }

    private static Partner partner(PartnerConfig p) {
        return new Partner(p.id(), p.kind(), p.name() == null ? p.id() : p.name());
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
