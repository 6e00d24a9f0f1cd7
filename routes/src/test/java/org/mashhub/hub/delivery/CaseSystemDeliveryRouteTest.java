package org.mashhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.edge.HubHeaders;
import org.mashhub.hub.sharing.SharingGate;

/**
 * The delivery route's decisions, without the application: the broker, the ledger, the sharing gate and the case system
 * are stand-ins, the route and its error policy are the hub's own. Which copies go on, which are withheld, what is
 * retried, parked or rolled back for the broker to redeliver.
 */
class CaseSystemDeliveryRouteTest extends CamelTestSupport {

    private static final int ATTEMPTS = 3;

    private final DeliveryOutcomes outcomes = mock(DeliveryOutcomes.class);
    private final SharingGate gate = mock(SharingGate.class);
    private boolean onItsWay = true;
    private boolean withheld;

    @Override
    public boolean isUseAdviceWith() {
        return true; // the broker's endpoints are replaced before the context starts
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        DeliveryProperties properties = new DeliveryProperties(4,
                new DeliveryProperties.Retry(ATTEMPTS, Duration.ofMillis(1), 1.0, Duration.ofMillis(1), Duration.ofMillis(1)));
        doAnswer(call -> {
            call.<Exchange>getArgument(0).setProperty(DeliveryOutcomes.ON_ITS_WAY, onItsWay);
            return null;
        }).when(outcomes).checkOnItsWay(any());
        doAnswer(call -> {
            Exchange exchange = call.getArgument(0);
            if (withheld) {
                exchange.setProperty(SharingGate.WITHHELD, true);
            } else {
                exchange.setProperty(SharingGate.SHARED_JSON, call.getArgument(1));
            }
            return null;
        }).when(gate).decide(any(), any());
        return new RoutesBuilder[] {
                new DeliveryErrorPolicy(properties, outcomes),
                new CaseSystemDeliveryRoute(properties, mock(CaseSystemClient.class), outcomes, gate)};
    }

    private MockEndpoint caseSystem() throws Exception {
        AdviceWith.adviceWith(context, CaseSystemDeliveryRoute.ROUTE_ID, route -> {
            route.replaceFromWith("direct:delivery-queue");
            route.weaveById("post-to-case-system").replace().to("mock:case-system");
        });
        AdviceWith.adviceWith(context, "dead-letters-to-ledger", route -> route.replaceFromWith("direct:dead-letters"));
        AdviceWith.adviceWith(context, "parked-queue-to-ledger", route -> route.replaceFromWith("direct:old-parked-queue"));
        context.start();
        return getMockEndpoint("mock:case-system");
    }

    private Exchange deliver() {
        return template.send("direct:delivery-queue", e -> {
            e.getMessage().setBody("{\"eventId\":\"e-1\"}");
            e.getMessage().setHeaders(Map.of(HubHeaders.EVENT_ID, "e-1", HubHeaders.HUB_CHILD_ID, "c-1"));
        });
    }

    @Test
    void anEventOnItsWayAndSharedIsPostedAndRecordedDelivered() throws Exception {
        MockEndpoint caseSystem = caseSystem();
        caseSystem.expectedBodiesReceived("{\"eventId\":\"e-1\"}");
        NotifyBuilder done = new NotifyBuilder(context).fromRoute(CaseSystemDeliveryRoute.ROUTE_ID).whenDone(1).create();

        Exchange exchange = deliver();

        assertThat(done.matches(5, TimeUnit.SECONDS)).isTrue();
        caseSystem.assertIsSatisfied();
        assertThat(exchange.getException()).isNull();
        verify(outcomes).delivered(any());
    }

    @Test
    void aCopyOfAnEventNoLongerOnItsWayIsNotPostedNorDecided() throws Exception {
        MockEndpoint caseSystem = caseSystem();
        caseSystem.expectedMessageCount(0);
        onItsWay = false;

        deliver();

        caseSystem.assertIsSatisfied();
        verify(gate, never()).decide(any(), any());
        verify(outcomes, never()).delivered(any());
    }

    @Test
    void aWithheldEventIsNotPosted() throws Exception {
        MockEndpoint caseSystem = caseSystem();
        caseSystem.expectedMessageCount(0);
        withheld = true;

        Exchange exchange = deliver();

        caseSystem.assertIsSatisfied();
        assertThat(exchange.getException()).isNull(); // consumed: the ledger holds it for a manager
        verify(outcomes, never()).delivered(any());
    }

    @Test
    void aRefusalParksTheEventAtOnceWithTheCaseSystemsAnswer() throws Exception {
        MockEndpoint caseSystem = caseSystem();
        caseSystem.whenAnyExchangeReceived(e -> {
            throw new CaseSystemRejectedException(422, "{\"title\":\"no such child\"}");
        });

        Exchange exchange = deliver();

        assertThat(caseSystem.getReceivedCounter()).isEqualTo(1);
        assertThat(exchange.getException()).isNull(); // handled: parked, and the broker's copy acknowledged
        verify(outcomes).parked(any(), eq("rejected: case system answered 422"), eq("{\"title\":\"no such child\"}"));
        verify(outcomes, never()).retrying(any());
    }

    @Test
    void aCaseSystemThatStaysDownIsRetriedThenTheEventParked() throws Exception {
        MockEndpoint caseSystem = caseSystem();
        caseSystem.whenAnyExchangeReceived(e -> {
            throw new CaseSystemUnavailableException("case system answered 503", null);
        });

        Exchange exchange = deliver();

        assertThat(caseSystem.getReceivedCounter()).isEqualTo(ATTEMPTS);
        verify(outcomes, times(ATTEMPTS - 1)).retrying(any());
        verify(outcomes).parked(any(), eq("retries exhausted: case system answered 503"), isNull());
        assertThat(exchange.getException()).isNull();
    }

    @Test
    void anyOtherFailureRollsBackForTheBrokerToRedeliver() throws Exception {
        MockEndpoint caseSystem = caseSystem();
        doAnswer(call -> {
            throw new IllegalStateException("the database went away");
        }).when(outcomes).delivered(any());

        Exchange exchange = deliver();

        assertThat(caseSystem.getReceivedCounter()).isEqualTo(1);
        assertThat(exchange.getException()).isInstanceOf(IllegalStateException.class); // the JMS transaction rolls back
        verify(outcomes, never()).parked(any(), any(), any());
    }

    @Test
    void aDeadLetterOfTheBrokerIsParkedInTheLedger() throws Exception {
        caseSystem();

        template.sendBodyAndHeader("direct:dead-letters", "{}", HubHeaders.EVENT_ID, "e-9");

        verify(outcomes).parkFromBroker(any());
    }
}
