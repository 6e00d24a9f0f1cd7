package org.mashhub.hub.delivery;

import org.mashhub.hub.edge.WebhookSignature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.delivery.ScriptedCaseSystem.Answer;
import org.mashhub.hub.edge.HubHeaders;
import org.mashhub.hub.sharing.SharingGate;
import org.springframework.mock.env.MockEnvironment;

/**
 * The delivery route with the hub's own client and error policy against a case system over HTTP that answers as
 * scripted: what waits, what is retried, what is held and what is parked. The ledger and the sharing gate are stand-ins.
 */
class CaseSystemAnswersRouteTest extends CamelTestSupport {

    private final DeliveryOutcomes outcomes = mock(DeliveryOutcomes.class);
    private final SharingGate gate = mock(SharingGate.class);
    private final ScriptedCaseSystem caseSystem;
    private final CaseSystemTrust trust = new CaseSystemTrust(Clock.systemUTC(), new SimpleMeterRegistry());

    CaseSystemAnswersRouteTest() throws Exception {
        caseSystem = new ScriptedCaseSystem();
    }

    @AfterEach
    void stopCaseSystem() {
        caseSystem.close();
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        // A back-off of 10, 20, 40 ms: 4 attempts in all; when not trusted, a hold of 200 ms: 10 + 20 + 40 + 80 + 160 ms,
        // 6 attempts. A Retry-After of up to 5 s (max-delay) is waited as asked.
        DeliveryProperties properties = new DeliveryProperties(1,
                new DeliveryProperties.Retry(4, Duration.ofMillis(10), 2.0, Duration.ofSeconds(5), Duration.ofMillis(200)));
        CaseSystemProperties caseSystemProperties = new CaseSystemProperties(caseSystem.url(), List.of(WebhookSignature.Secret.generate()),
                Duration.ofSeconds(2), Duration.ofSeconds(2), new CaseSystemProperties.Simulator(false));
        doAnswer(call -> {
            call.<Exchange>getArgument(0).setProperty(DeliveryOutcomes.ON_ITS_WAY, true);
            return null;
        }).when(outcomes).checkOnItsWay(any());
        doAnswer(call -> {
            call.<Exchange>getArgument(0).setProperty(SharingGate.SHARED_JSON, call.getArgument(1));
            return null;
        }).when(gate).decide(any(), any());
        CaseSystemClient client = new CaseSystemClient(caseSystemProperties, properties, trust, new MockEnvironment(), Clock.systemUTC());
        return new RoutesBuilder[] {
                new DeliveryErrorPolicy(properties, outcomes),
                new CaseSystemDeliveryRoute(properties, client, outcomes, gate)};
    }

    private Exchange deliver() throws Exception {
        AdviceWith.adviceWith(context, CaseSystemDeliveryRoute.ROUTE_ID, route -> route.replaceFromWith("direct:delivery-queue"));
        AdviceWith.adviceWith(context, "dead-letters-to-ledger", route -> route.replaceFromWith("direct:dead-letters"));
        AdviceWith.adviceWith(context, "parked-queue-to-ledger", route -> route.replaceFromWith("direct:old-parked-queue"));
        context.start();
        return template.send("direct:delivery-queue", e -> {
            e.getMessage().setBody("{\"eventId\":\"e-1\"}");
            e.getMessage().setHeaders(Map.of(HubHeaders.EVENT_ID, "e-1", HubHeaders.HUB_CHILD_ID, "c-1"));
        });
    }

    @Test
    void a429WithRetryAfterIsRetriedNoSoonerThanItAskedAndDelivered() throws Exception {
        caseSystem.answer(Answer.of(429, "Retry-After", "2"), Answer.of(500));

        Exchange exchange = deliver();

        List<ScriptedCaseSystem.Request> requests = caseSystem.requests();
        assertThat(requests).hasSize(3);
        assertThat(Duration.ofNanos(requests.get(1).receivedNanos() - requests.get(0).receivedNanos()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        // A 500 without Retry-After: the back-off goes on, doubling from the wait asked for (not that wait again).
        assertThat(Duration.ofNanos(requests.get(2).receivedNanos() - requests.get(1).receivedNanos()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(4)).isLessThan(Duration.ofSeconds(5));
        assertThat(requests).extracting(r -> r.headers().getFirst("webhook-id")).containsOnly("e-1");
        assertThat(exchange.getException()).isNull();
        verify(outcomes).delivered(any());
        verify(outcomes, never()).parked(any(), any(), any());
    }

    @Test
    void aCaseSystemThatDoesNotTrustTheHubHoldsTheEventLongerThanTheRetryBudgetThenTakesIt() throws Exception {
        caseSystem.answer(Answer.of(401), Answer.of(401), Answer.of(401), Answer.of(401), Answer.of(403));

        Exchange exchange = deliver();

        assertThat(caseSystem.requests()).hasSize(6); // more than the 4 attempts a case system that is down gets
        assertThat(exchange.getException()).isNull();
        verify(outcomes).delivered(any());
        verify(outcomes, never()).parked(any(), any(), any());
        assertThat(trust.refusal()).isNull();
    }

    @Test
    void aCaseSystemThatGoesOnNotTrustingTheHubHasTheEventParkedAfterTheHold() throws Exception {
        Answer[] refusals = new Answer[40];
        java.util.Arrays.fill(refusals, Answer.of(401));
        caseSystem.answer(refusals);

        deliver();

        assertThat(caseSystem.requests()).hasSize(6);
        verify(outcomes, times(5)).retrying(any());
        verify(outcomes).parked(any(), org.mockito.ArgumentMatchers.startsWith("retries exhausted: case system answered 401"), any());
        assertThat(trust.refusal()).isNotNull();
    }
}
