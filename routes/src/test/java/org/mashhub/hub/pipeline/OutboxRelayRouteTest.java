package org.mashhub.hub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.ledger.OutboxProperties;
import org.mashhub.hub.ledger.OutboxRelay;
import org.springframework.transaction.PlatformTransactionManager;

/** The relay's route: after a full batch it goes again at once; after a part one, or none, it waits for its poll. */
class OutboxRelayRouteTest extends CamelTestSupport {

    private final OutboxRelay relay = mock(OutboxRelay.class);

    @Override
    protected RoutesBuilder createRouteBuilder() {
        when(relay.relayBatch()).thenReturn(256, 256, 256, 10, 0);
        context.getRegistry().bind(AcceptancePipelineRoute.OWN_TRANSACTION,
                new SpringTransactionPolicy(mock(PlatformTransactionManager.class))); // the acceptance is not under test
        // A poll of a minute: only the greedy repeats can make more than one run in the test's time.
        return new AcceptancePipelineRoute(mock(PipelineStages.class), relay, new OutboxProperties(true, Duration.ofMinutes(1), 256));
    }

    @Test
    void afterAFullBatchTheRelayGoesAgainAtOnceAndAfterAPartOneItWaitsForThePoll() {
        NotifyBuilder fourRuns = new NotifyBuilder(context).fromRoute(AcceptancePipelineRoute.RELAY_ROUTE_ID).whenDone(4).create();
        NotifyBuilder fiveRuns = new NotifyBuilder(context).fromRoute(AcceptancePipelineRoute.RELAY_ROUTE_ID).whenDone(5).create();

        assertThat(fourRuns.matches(10, TimeUnit.SECONDS)).isTrue(); // three full batches, then one of ten
        assertThat(fiveRuns.matches(1, TimeUnit.SECONDS)).isFalse(); // the next waits for the poll, a minute on
    }
}
