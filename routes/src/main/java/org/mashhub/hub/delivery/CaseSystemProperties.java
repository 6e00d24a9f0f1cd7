package org.mashhub.hub.delivery;

import org.mashhub.hub.edge.WebhookSignature;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.case-system}: where events go and how they are signed. Without a URL the in-process
 * simulator is used, which must then be switched on ({@code hub.case-system.simulator.enabled}).
 *
 * <p>{@code signing-secrets}: one or more Standard Webhooks secrets ({@code whsec_…}). Every delivery is signed with
 * each, so a secret is rotated by adding the new one, letting the case system take it, and then removing the old.
 */
@ConfigurationProperties("hub.case-system")
public record CaseSystemProperties(
        String url,
        List<String> signingSecrets,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue Simulator simulator) {

    public record Simulator(@DefaultValue("false") boolean enabled) {
    }

    /** The signing secrets, checked: at least one, each {@code whsec_} and 24 to 64 bytes in base64. */
    public List<WebhookSignature.Secret> secrets() {
        if (signingSecrets == null || signingSecrets.stream().allMatch(s -> s == null || s.isBlank())) {
            throw new IllegalStateException("hub.case-system.signing-secrets must be set: set HUB_CASE_SYSTEM_SIGNING_SECRETS to the "
                    + "secret shared with the case system (whsec_ and base64 of 24 to 64 random bytes; several, comma-separated, "
                    + "while one is rotated)");
        }
        try {
            return signingSecrets.stream().filter(s -> s != null && !s.isBlank()).map(WebhookSignature.Secret::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("hub.case-system.signing-secrets: " + e.getMessage());
        }
    }
}
