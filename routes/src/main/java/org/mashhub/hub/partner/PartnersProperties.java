package org.mashhub.hub.partner;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code hub.partners}: every partner allowed to send, with the hash of its API key (never the key). */
@ConfigurationProperties("hub")
@Validated
public record PartnersProperties(@DefaultValue List<@Valid PartnerConfig> partners) {

    public record PartnerConfig(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}") String id,
            @NotNull PartnerKind kind,
            String name,
            /** A Spring Security password-encoder hash, e.g. {@code {bcrypt}$2a$10$...}; see the README for making one. */
            @NotBlank @Pattern(regexp = "\\{[a-z0-9]+\\}.+") String apiKeyHash,
            @DefaultValue("true") boolean enabled) {
    }
}
