package org.mashhub.hub.pipeline;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.mashhub.hub.ledger.InboundMessages;
import org.mashhub.hub.ledger.OutboxProperties;
import org.mashhub.hub.ledger.OutboxRelay;
import org.mashhub.hub.ledger.PartnerSubmission;
import org.springframework.stereotype.Component;

/**
 * Accepting a partner message, the same for every partner, and the one commit protocol behind every receipt: a
 * transactional outbox. In: a {@link PartnerSubmission}; out: the receipt.
 *
 * <ol>
 *   <li>A message accepted before gets its first receipt back and goes no further.</li>
 *   <li>One database transaction ({@value #ACCEPT_DURABLY}): claim the message id, link children, validate events,
 *       keep consent statements, then audit and record the events in the ledger with an outbox row each. Its commit is
 *       the acknowledgement: the receipt is made after it, and nothing of a message refused on the way is kept.</li>
 *   <li>The relay ({@value #RELAY_ROUTE_ID}) moves committed outbox rows to the broker's delivery queue, in commit order
 *       for each child, and deletes them once the broker has them ({@link OutboxRelay}).</li>
 * </ol>
 *
 * The database commits the acknowledgement; the broker only ever receives what the database holds, so nothing on the
 * broker waits for an acceptance that did not commit.
 */
@Component
public class AcceptancePipelineRoute extends RouteBuilder {

    public static final String ACCEPT = "direct:accept-partner-message";
    public static final String ROUTE_ID = "accept-partner-message";
    static final String ACCEPT_DURABLY = "direct:accept-durably";
    static final String RELAY_ROUTE_ID = "relay-outbox";
    /** A transaction of its own even when the caller has one (a school file's): its commit is the receipt. */
    static final String OWN_TRANSACTION = "PROPAGATION_REQUIRES_NEW";

    private final PipelineStages stages;
    private final OutboxRelay relay;
    private final OutboxProperties outbox;

    public AcceptancePipelineRoute(PipelineStages stages, OutboxRelay relay, OutboxProperties outbox) {
        this.stages = stages;
        this.relay = relay;
        this.outbox = outbox;
    }

    @Override
    public void configure() {
        from(ACCEPT).routeId(ROUTE_ID)
                .process(stages::findEarlierReceipt).id("find-earlier-receipt")
                .filter(exchangeProperty(PipelineStages.RESUBMISSION).isNotEqualTo(true))
                    .to(ACCEPT_DURABLY).id("to-accept-durably")
                    .process(e -> e.getMessage().setBody(InboundMessages.receiptOf(e.getMessage().getBody(PartnerSubmission.class))))
                        .id("make-receipt")
                .end();

        from(ACCEPT_DURABLY).routeId("accept-durably")
                .transacted(OWN_TRANSACTION)
                .process(stages::claimMessageId).id("claim-message-id")
                .process(stages::identifyChildren).id("link-children")
                .process(stages::validateEvents).id("check-event-schemas")
                .process(stages::recordConsents).id("keep-consent-statements")
                .process(stages::recordInLedger).id("audit-and-record-with-outbox-rows");

        // One consumer, so rows go out in order; at once again after a full batch, else after the poll's delay, so that
        // under load a batch (one broker commit, synced to its journal) carries the events of many acceptances.
        fromF("scheduler:event-outbox?delay=%d&greedy=true", outbox.poll().toMillis()).routeId(RELAY_ROUTE_ID)
                .autoStartup(outbox.relay())
                .process(e -> e.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, relay.relayBatch() >= outbox.batch())).id("send-outbox-rows-to-broker");
    }
}
