package org.mashhub.hub.partner;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.partners}: every partner allowed to send, with the hash of its API key (never the key); and
 * {@code hub.partner-key-pepper}, the server-side secret those hashes are keyed with ({@link PartnerKeys}).
 */
@ConfigurationProperties("hub")
@Validated
public record PartnersProperties(@DefaultValue List<@Valid PartnerConfig> partners, String partnerKeyPepper) {

    public record PartnerConfig(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}") String id,
            @NotNull PartnerKind kind,
            String name,
            /** {@code {hmac-sha256}<hex>} as {@code partner-key} prints it (or a slow password hash, {@code {bcrypt}...}). */
            @NotBlank @Pattern(regexp = PartnerKeys.HASH_FORM) String apiKeyHash,
            @DefaultValue("true") boolean enabled,
            /** How the partner hears back besides pulling (every partner can pull): none, or a webhook. */
            @Valid Outbound outbound,
            /** A school partner's schools: the URNs whose pupils' Operation Encompass notices it receives. */
            List<@Pattern(regexp = "[0-9]{6}") String> urns) {

        public PartnerConfig(String id, PartnerKind kind, String name, String apiKeyHash, boolean enabled) {
            this(id, kind, name, apiKeyHash, enabled, null, List.of());
        }

        @ConstructorBinding // the settings bind here, not to the shorter constructor above
        public PartnerConfig {
            urns = urns == null ? List.of() : List.copyOf(urns);
        }
    }

    /**
     * A push channel: {@code webhook}, an HTTPS POST of each notification to {@code url}; or {@code fhir-messaging} (health),
     * a FHIR message to the partner's {@code $process-message} at {@code url}; or {@code soap-callback} (police), a call of
     * the callback service the force hosts at {@code url}. Signed per Standard Webhooks with the partner's own secrets
     * (several while one is rotated; a SOAP callback is not signed: its transport is the force's TLS).
     */
    public record Outbound(@NotBlank @Pattern(regexp = "webhook|fhir-messaging|soap-callback") String channel, @NotNull java.net.URI url,
                           @DefaultValue List<String> signingSecrets) {
    }
}
