package org.mashhub.hub.partner;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.mashhub.hub.partner.PartnersProperties.PartnerConfig;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Finds the partner an API key belongs to.
 *
 * <p>Keys are stored as slow password hashes, so checking one costs tens of milliseconds. Outcomes are
 * remembered for a few minutes under the SHA-256 of the key (held in memory only), so a partner sending
 * thousands of messages pays that cost once, and a flood of wrong keys cannot make the hub hash for each.
 */
@Component
public class PartnerRegistry {

    private static final Duration REMEMBER_FOR = Duration.ofMinutes(5);

    private final List<PartnerConfig> configured;
    private final ConnectionFiles connections;
    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final Cache<String, Optional<Partner>> checkedKeys = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(REMEMBER_FOR)
            .build();

    public PartnerRegistry(PartnersProperties properties) {
        this(properties, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    public PartnerRegistry(PartnersProperties properties, ConnectionFiles connections) {
        this.configured = properties.partners();
        this.connections = connections;
    }

    /** The partners of the settings ({@code hub.partners}) and of the connection files in force. */
    private List<PartnerConfig> partners() {
        if (connections == null) {
            return configured;
        }
        List<PartnerConfig> all = new java.util.ArrayList<>(configured);
        all.addAll(connections.partners());
        return all;
    }

    /** A connection changed: keys checked before are checked again (a removed or disabled partner stops at once). */
    @org.springframework.context.event.EventListener
    void connectionsChanged(ConnectionFiles.ConnectionsChanged changed) {
        checkedKeys.invalidateAll();
    }

    /** The enabled partner this key belongs to, if any. */
    public Optional<Partner> authenticate(String apiKey) {
        if (apiKey == null || apiKey.isBlank() || apiKey.length() > 512) {
            return Optional.empty();
        }
        return checkedKeys.get(sha256(apiKey), digest -> partners().stream()
                .filter(PartnerConfig::enabled)
                .filter(p -> encoder.matches(apiKey, p.apiKeyHash()))
                .findFirst()
                .map(p -> new Partner(p.id(), p.kind(), p.name() == null ? p.id() : p.name())));
    }

    /** The enabled partners of a kind, e.g. the school partners whose folders are watched. */
    public List<Partner> enabled(PartnerKind kind) {
        return partners().stream().filter(PartnerConfig::enabled).filter(p -> p.kind() == kind)
                .map(p -> new Partner(p.id(), p.kind(), p.name() == null ? p.id() : p.name()))
                .toList();
    }

    public Optional<Partner> byId(String partnerId) {
        return partners().stream().filter(p -> p.id().equals(partnerId))
                .findFirst()
                .map(p -> new Partner(p.id(), p.kind(), p.name() == null ? p.id() : p.name()));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
