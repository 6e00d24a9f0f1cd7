package org.mashhub.hub.delivery;

import org.mashhub.hub.edge.WebhookSignature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.delivery.ScriptedCaseSystem.Answer;
import org.mashhub.hub.edge.HubHeaders;
import org.mashhub.hub.sharing.SharingGate;
import org.springframework.mock.env.MockEnvironment;

/** What the client sends the case system over real HTTP, and what it makes of each answer. */
class CaseSystemClientTest {

    private static final String OLD = WebhookSignature.Secret.generate();
    private static final String NEW = WebhookSignature.Secret.generate();
    private static final String EVENT = "{\"eventId\":\"e-1\",\"eventType\":\"ReferralEvent\"}";

    private final ScriptedCaseSystem caseSystem;
    private final CaseSystemTrust trust = new CaseSystemTrust(Clock.systemUTC(), new SimpleMeterRegistry());
    private final CaseSystemClient client;

    CaseSystemClientTest() throws Exception {
        caseSystem = new ScriptedCaseSystem();
        CaseSystemProperties properties = new CaseSystemProperties(caseSystem.url(), List.of(OLD, NEW), Duration.ofSeconds(2),
                Duration.ofSeconds(2), new CaseSystemProperties.Simulator(false));
        DeliveryProperties delivery = new DeliveryProperties(1,
                new DeliveryProperties.Retry(8, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60), Duration.ofMinutes(30)));
        client = new CaseSystemClient(properties, delivery, trust, new MockEnvironment(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        caseSystem.close();
    }

    private Exchange event() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(SharingGate.SHARED_JSON, EVENT);
        exchange.getMessage().setHeader(HubHeaders.EVENT_ID, "e-1");
        exchange.getMessage().setHeader(HubHeaders.CHILD_SEQUENCE, 7L);
        return exchange;
    }

    @Test
    void signsEachDeliveryWithEverySecretAsStandardWebhooksHasIt() {
        client.process(event());

        ScriptedCaseSystem.Request request = caseSystem.requests().get(0);
        assertThat(request.headers().getFirst("webhook-id")).isEqualTo("e-1");
        assertThat(request.headers().getFirst("Idempotency-Key")).isEqualTo("e-1");
        assertThat(request.headers().getFirst("Mash-Child-Sequence")).isEqualTo("7");
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo(EVENT);
        long timestamp = Long.parseLong(request.headers().getFirst("webhook-timestamp"));
        assertThat(timestamp).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
        String signatures = request.headers().getFirst("webhook-signature");
        for (String secret : List.of(OLD, NEW)) { // a receiver holding either secret takes it
            assertThat(WebhookSignature.verify("e-1", "" + timestamp, signatures, request.body(),
                    List.of(WebhookSignature.Secret.parse(secret)), Instant.now())).isTrue();
        }
    }

    @Test
    void aBusyCaseSystemsRetryAfterBecomesTheNextRetrysDelay() {
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().plusSeconds(10).atZone(ZoneOffset.UTC));
        caseSystem.answer(Answer.of(429, "Retry-After", "2"), Answer.of(503, "Retry-After", inTenSeconds),
                Answer.of(429, "Retry-After", "3600"), Answer.of(429, "Retry-After", "9223372036854775807"), Answer.of(503));

        assertThat(delayAfterFailure()).isEqualTo(2_000L);
        assertThat(delayAfterFailure()).isBetween(8_000L, 10_000L);
        assertThat(delayAfterFailure()).as("at most hub.delivery.retry.max-delay").isEqualTo(60_000L);
        assertThat(delayAfterFailure()).as("a number too large for milliseconds: the longest wait").isEqualTo(60_000L);
        assertThat(delayAfterFailure()).as("no Retry-After: the back-off").isNull();
    }

    private Long delayAfterFailure() {
        Exchange exchange = event();
        assertThatThrownBy(() -> client.process(exchange)).isExactlyInstanceOf(CaseSystemUnavailableException.class);
        return exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY, Long.class);
    }

    @Test
    void timeoutsTooEarlyAndServerErrorsAreRetriedAndOtherRefusalsParked() {
        caseSystem.answer(Answer.of(408), Answer.of(425), Answer.of(500), Answer.of(422), Answer.of(302, "Location", "https://elsewhere.example/events"));

        for (int status : new int[] {408, 425, 500}) {
            assertThatThrownBy(() -> client.process(event())).as("" + status)
                    .isExactlyInstanceOf(CaseSystemUnavailableException.class).hasMessageContaining("" + status);
        }
        assertThatThrownBy(() -> client.process(event())).isInstanceOf(CaseSystemRejectedException.class).hasMessageContaining("422");
        assertThatThrownBy(() -> client.process(event())).isInstanceOf(CaseSystemRejectedException.class)
                .satisfies(e -> assertThat(((CaseSystemRejectedException) e).responseExcerpt())
                        .contains("redirected to https://elsewhere.example/events"));
        assertThat(caseSystem.requests()).as("the redirect not followed").hasSize(5);
    }

    @Test
    void aCaseSystemThatDoesNotTrustTheHubIsSaidSoUntilItTakesAnEventAgain() {
        caseSystem.answer(Answer.of(401), Answer.of(403));

        assertThatThrownBy(() -> client.process(event())).isInstanceOf(HubNotTrustedException.class);
        assertThat(trust.refusal().status()).isEqualTo(401);
        assertThatThrownBy(() -> client.process(event())).isInstanceOf(HubNotTrustedException.class);
        assertThat(trust.refusal().status()).as("since the first refusal").isEqualTo(401);

        client.process(event());
        assertThat(trust.refusal()).isNull();
    }
}
