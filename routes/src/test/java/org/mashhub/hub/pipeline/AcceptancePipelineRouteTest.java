package org.mashhub.hub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.ledger.OutboxProperties;
import org.mashhub.hub.ledger.OutboxRelay;
import org.mashhub.hub.ledger.PartnerSubmission;
import org.mashhub.hub.ledger.Receipt;
import org.mockito.InOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The acceptance route's decisions, without the application: its stages are stand-ins that write to an in-memory
 * database under the route's own transaction, so what the route commits, and what it leaves unwritten, can be seen.
 */
class AcceptancePipelineRouteTest extends CamelTestSupport {

    private final PipelineStages stages = mock(PipelineStages.class);
    private final OutboxRelay relay = mock(OutboxRelay.class);
    private final JdbcTemplate db;
    private final DataSourceTransactionManager transactions;

    AcceptancePipelineRouteTest() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:acceptance-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        db = new JdbcTemplate(h2);
        db.execute("create table kept (what varchar(40))");
        transactions = new DataSourceTransactionManager(h2);
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        SpringTransactionPolicy policy = new SpringTransactionPolicy(transactions);
        policy.setPropagationBehaviorName(AcceptancePipelineRoute.OWN_TRANSACTION);
        context.getRegistry().bind(AcceptancePipelineRoute.OWN_TRANSACTION, policy);
        return new AcceptancePipelineRoute(stages, relay, new OutboxProperties(false, Duration.ofMillis(5), 10));
    }

    private static PartnerSubmission submission(String partnerMessageId) {
        return new PartnerSubmission("housing", partnerMessageId, "hub-" + partnerMessageId, "sha", "corr", Instant.now(),
                List.of(), List.of(), List.of());
    }

    /** Each stage keeps a row, as claiming the id and recording the events do. */
    private void stagesWrite() {
        doAnswer(call -> db.update("insert into kept values ('claim')")).when(stages).claimMessageId(any());
        doAnswer(call -> db.update("insert into kept values ('events, audit, outbox')")).when(stages).recordInLedger(any());
    }

    private MockEndpoint receipts() throws Exception {
        AdviceWith.adviceWith(context, AcceptancePipelineRoute.ROUTE_ID, route -> route.weaveById("make-receipt").after().to("mock:receipts"));
        context.start();
        return getMockEndpoint("mock:receipts");
    }

    @Test
    void aNewMessageGoesThroughEveryStageInOrderInOneCommitAndGetsItsReceipt() throws Exception {
        stagesWrite();
        MockEndpoint receipts = receipts();
        receipts.expectedMessageCount(1);

        Receipt receipt = template.requestBody(AcceptancePipelineRoute.ACCEPT, submission("m-1"), Receipt.class);

        receipts.assertIsSatisfied();
        assertThat(receipt.receipt()).isEqualTo("hub-m-1");
        InOrder order = inOrder(stages);
        order.verify(stages).findEarlierReceipt(any());
        order.verify(stages).claimMessageId(any());
        order.verify(stages).identifyChildren(any());
        order.verify(stages).validateEvents(any());
        order.verify(stages).recordConsents(any());
        order.verify(stages).recordInLedger(any());
        assertThat(db.queryForList("select what from kept", String.class)).containsExactly("claim", "events, audit, outbox");
    }

    @Test
    void aMessageAcceptedBeforeGetsItsFirstReceiptAndNothingIsWritten() throws Exception {
        Receipt earlier = new Receipt("hub-first", "m-2", Receipt.ACCEPTED, Instant.EPOCH, List.of(), List.of());
        doAnswer(call -> {
            Exchange exchange = call.getArgument(0);
            exchange.setProperty(PipelineStages.RESUBMISSION, true);
            exchange.getMessage().setBody(earlier);
            return null;
        }).when(stages).findEarlierReceipt(any());
        MockEndpoint receipts = receipts();
        receipts.expectedMessageCount(0);
        NotifyBuilder durably = new NotifyBuilder(context).fromRoute("accept-durably").whenDone(1).create();

        Receipt receipt = template.requestBody(AcceptancePipelineRoute.ACCEPT, submission("m-2"), Receipt.class);

        assertThat(receipt).isSameAs(earlier);
        assertThat(durably.matches(200, TimeUnit.MILLISECONDS)).isFalse();
        receipts.assertIsSatisfied();
        verify(stages, never()).claimMessageId(any());
    }

    @Test
    void aMessageRefusedAfterItsIdWasClaimedLeavesNothingWrittenAndTheCallerGetsTheReason() throws Exception {
        stagesWrite();
        doAnswer(call -> {
            throw new CanonicalEventInvalidException("e-1", List.of());
        }).when(stages).validateEvents(any());
        MockEndpoint receipts = receipts();
        receipts.expectedMessageCount(0);

        assertThatThrownBy(() -> template.requestBody(AcceptancePipelineRoute.ACCEPT, submission("m-3"), Receipt.class))
                .isInstanceOf(CamelExecutionException.class).hasRootCauseInstanceOf(CanonicalEventInvalidException.class);

        receipts.assertIsSatisfied();
        assertThat(db.queryForObject("select count(*) from kept", Integer.class)).isZero(); // the claim rolled back
        verify(stages, never()).recordInLedger(any());
    }

    @Test
    void theRelayIsOffWhenSwitchedOff() throws Exception {
        context.start();
        // Not started, so it never polls: no wait needed to see that it did not.
        assertThat(context.getRouteController().getRouteStatus(AcceptancePipelineRoute.RELAY_ROUTE_ID).isStarted()).isFalse();
        assertThat(context.getRouteController().getRouteStatus(AcceptancePipelineRoute.ROUTE_ID).isStarted()).isTrue();
        verify(relay, never()).relayBatch();
    }
}
