package org.mashhub.hub.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.mashhub.hub.edge.WebhookSignature;
import org.mashhub.hub.ledger.PartnerNotifications;
import org.mashhub.hub.partner.PartnerRegistry;
import org.mashhub.hub.partner.PartnersProperties.PartnerConfig;
import org.mashhub.schemas.CanonicalJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The push channels: each waiting notification of a partner with one is posted to its URL, oldest first: as the
 * notification's JSON envelope ({@code webhook}), or as a FHIR message for its {@code $process-message}
 * ({@code fhir-messaging}, {@link FhirNotificationMessages}), signed per Standard Webhooks with the partner's own
 * secrets; or as a call of the force's callback service ({@code soap-callback}, {@link PoliceCallbacks}) ({@code webhook-id} and {@code Idempotency-Key} are the
 * notification's id, the same on every attempt). A 2xx or 409 delivers it. A timeout, a refused connection, 408, 425, 429
 * or 5xx is tried again, waiting {@code first-retry} doubling to {@code longest-wait} (or the partner's Retry-After), and
 * the partner's later notifications wait with it, so they arrive in order; past {@code give-up-after} it is parked. Any
 * other answer (a 4xx, a redirect, which is not followed) parks it at once. A parked notification can still be pulled.
 */
@Component
class PushedNotifications {

    static final String FHIR_MESSAGING = "fhir-messaging";
    static final String SOAP_CALLBACK = "soap-callback";
    private static final Logger log = LoggerFactory.getLogger(PushedNotifications.class);

    private final PartnerRegistry partners;
    private final PartnerNotifications notifications;
    private final OutboundProperties properties;
    private final Clock clock;
    private final FhirNotificationMessages fhirMessages;
    private final PoliceCallbacks policeCallbacks;
    private final HttpClient http;

    PushedNotifications(PartnerRegistry partners, PartnerNotifications notifications, OutboundProperties properties,
                        FhirNotificationMessages fhirMessages, PoliceCallbacks policeCallbacks, PartnerTls tls, Clock clock) {
        this.fhirMessages = fhirMessages;
        this.policeCallbacks = policeCallbacks;
        this.partners = partners;
        this.notifications = notifications;
        this.properties = properties;
        this.clock = clock;
        HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5));
        tls.context().ifPresent(http::sslContext);
        this.http = http.build();
    }

    @Scheduled(initialDelayString = "${hub.outbound.push-every:2s}", fixedDelayString = "${hub.outbound.push-every:2s}")
    void pushWaiting() {
        for (PartnerConfig partner : partners.pushedTo()) {
            try {
                List<WebhookSignature.Secret> secrets = partner.outbound().signingSecrets().stream().map(WebhookSignature.Secret::parse).toList();
                for (PartnerNotifications.Notification n : notifications.due(partner.id(), 50)) {
                    if (!push(partner, secrets, n)) {
                        break; // not reachable now: its later notifications wait, in order
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Notifications to partner {} not pushed this time: {}", partner.id(), e.getClass().getSimpleName());
            }
        }
    }

    /** Whether the partner answered (took it, or refused it for good); false when it is to be tried again. */
    private boolean push(PartnerConfig partner, List<WebhookSignature.Secret> secrets, PartnerNotifications.Notification n) {
        if (partner.outbound().channel().equals(SOAP_CALLBACK)) {
            try {
                if (policeCallbacks.send(partner.outbound().url(), n)) {
                    notifications.delivered(partner.id(), n.id(), "hub");
                    return true;
                }
                return tryAgain(n, "the force's service did not take it (Received false)", null);
            } catch (jakarta.xml.ws.WebServiceException e) {
                return tryAgain(n, "soap: " + e.getClass().getSimpleName(), null);
            }
        }
        boolean fhir = partner.outbound().channel().equals(FHIR_MESSAGING);
        if (fhir && !FhirNotificationMessages.carries(n.type())) {
            notifications.parked(n, "the fhir-messaging channel carries referral outcomes only, not " + n.type());
            return true;
        }
        byte[] body;
        try {
            body = fhir ? fhirMessages.messageOf(n, partner.outbound().url()) : CanonicalJson.mapper().writeValueAsBytes(n.envelope());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(partner.outbound().url()).timeout(properties.requestTimeout())
                .header("Content-Type", fhir ? "application/fhir+json" : "application/json")
                .header("Idempotency-Key", n.id())
                .header(WebhookSignature.ID, n.id())
                .header(WebhookSignature.TIMESTAMP, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE, WebhookSignature.sign(n.id(), timestamp, body, secrets))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        int status;
        String retryAfter;
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            retryAfter = response.headers().firstValue("Retry-After").orElse(null);
        } catch (IOException e) {
            return tryAgain(n, "unreachable: " + e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (status / 100 == 2 || status == 409) {
            notifications.delivered(partner.id(), n.id(), "hub");
            return true;
        }
        if (status >= 500 || status == 408 || status == 425 || status == 429) {
            return tryAgain(n, "status " + status, retryAfter);
        }
        notifications.parked(n, "refused: status " + status);
        return true;
    }

    private boolean tryAgain(PartnerNotifications.Notification n, String answer, String retryAfter) {
        Instant now = clock.instant();
        if (Duration.between(n.createdAt(), now).compareTo(properties.giveUpAfter()) > 0) {
            notifications.parked(n, "not taken for " + properties.giveUpAfter() + "; last " + answer);
            return false;
        }
        notifications.retrying(n, answer, now.plus(wait(n, retryAfter)));
        return false;
    }

    /** {@code first-retry} doubling with each attempt, or the partner's Retry-After (seconds), up to {@code longest-wait}. */
    private Duration wait(PartnerNotifications.Notification n, String retryAfter) {
        Duration wait = properties.firstRetry().multipliedBy(1L << Math.min(n.attempts(), 20));
        if (retryAfter != null && retryAfter.matches("[0-9]{1,9}")) {
            wait = Duration.ofSeconds(Long.parseLong(retryAfter));
        }
        return wait.compareTo(properties.longestWait()) > 0 ? properties.longestWait() : wait;
    }
}
