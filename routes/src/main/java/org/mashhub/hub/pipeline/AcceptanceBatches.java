package org.mashhub.hub.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit of acceptance: the durable part of accepting partner messages, for many messages in one database
 * transaction and one broker transaction, so that the cost of a commit (H2 rewriting its pages, PostgreSQL's and
 * the journal's flush) is shared by all of them.
 *
 * <p>A request's thread queues its message and waits. A committer thread takes every message waiting (up to
 * {@code hub.acceptance.max-batch}; when one is alone it goes alone, with no wait for company), opens a transaction,
 * and runs each message through {@link AcceptancePipelineRoute#ACCEPT_IN_BATCH} under a savepoint of its own: a
 * message refused there (an invalid event, a concurrent copy of the same message) is rolled back to its savepoint,
 * with the after-commit work it registered, and the rest go on. Then the events of all the messages kept go to the
 * broker in one transaction, which commits just before the database does, as for a single message. Only then is
 * each waiting request given its result; when the batch fails as a whole, each is given that failure and nothing
 * of the batch is kept.
 */
@Component
public class AcceptanceBatches implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AcceptanceBatches.class);

    private final ProducerTemplate camel;
    private final EventPublisher publisher;
    private final AcceptanceProperties settings;
    private final TransactionTemplate batchTransaction;
    private final TransactionTemplate messageSavepoint;
    private final BlockingQueue<Waiting> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> committers = new ArrayList<>();
    private final DistributionSummary batchSizes;
    private volatile boolean running;

    public AcceptanceBatches(ProducerTemplate camel, EventPublisher publisher, AcceptanceProperties settings,
                             PlatformTransactionManager transactions, MeterRegistry meters) {
        this.camel = camel;
        this.publisher = publisher;
        this.settings = settings;
        this.batchTransaction = new TransactionTemplate(transactions);
        this.batchTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.messageSavepoint = new TransactionTemplate(transactions);
        this.messageSavepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.batchSizes = DistributionSummary.builder("mash.hub.acceptance.batch")
                .description("Partner messages per acceptance transaction (group commit)").register(meters);
    }

    /** How many messages wait for a committer now. */
    int waiting() {
        return waiting.size();
    }

    /** A message and the request waiting for it. */
    private record Waiting(PartnerSubmission submission, Map<String, Object> headers, CompletableFuture<PartnerSubmission> result) {
    }

    /**
     * Makes the exchange's submission durable with whatever else is waiting, and sets its receipt as the body.
     * Throws the message's own failure, or the batch's.
     */
    void acceptDurably(Exchange exchange) throws Exception {
        if (!running) {
            throw new TransientDataAccessResourceException("The hub is stopping; the message was not kept.");
        }
        Waiting entry = new Waiting(exchange.getMessage().getBody(PartnerSubmission.class),
                new HashMap<>(exchange.getMessage().getHeaders()), new CompletableFuture<>());
        waiting.add(entry);
        PartnerSubmission accepted;
        try {
            accepted = entry.result().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
        }
        exchange.getMessage().setBody(InboundMessages.receiptOf(accepted));
    }

    private void run() {
        List<Waiting> batch = new ArrayList<>();
        while (running || !waiting.isEmpty()) {
            try {
                Waiting first = waiting.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch, settings.maxBatch() - 1);
                batchSizes.record(batch.size());
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable t) { // whatever happens, no request is left waiting
                log.error("A batch of {} partner messages failed outside its transaction", batch.size(), t);
                batch.forEach(w -> w.result().completeExceptionally(t));
            } finally {
                batch.clear();
            }
        }
    }

    /** Each message's outcome is kept by its place in the batch (a {@code Waiting} is not hashed: it holds the message). */
    private void commit(List<Waiting> batch) {
        PartnerSubmission[] kept = new PartnerSubmission[batch.size()];
        Exception[] refused = new Exception[batch.size()];
        try {
            batchTransaction.executeWithoutResult(transaction -> {
                for (int i = 0; i < batch.size(); i++) {
                    Waiting w = batch.get(i);
                    List<TransactionSynchronization> registeredBefore = TransactionSynchronizationManager.getSynchronizations();
                    Exchange done = messageSavepoint.execute(savepoint -> {
                        Exchange exchange = camel.send(AcceptancePipelineRoute.ACCEPT_IN_BATCH, e -> {
                            e.getMessage().setHeaders(w.headers()); // the request's own copy, used once
                            e.getMessage().setBody(w.submission());
                        });
                        if (exchange.getException() != null) {
                            savepoint.setRollbackOnly();
                        }
                        return exchange;
                    });
                    if (done.getException() != null) {
                        forgetSynchronizationsSince(registeredBefore);
                        refused[i] = done.getException();
                    } else {
                        kept[i] = done.getMessage().getBody(PartnerSubmission.class);
                    }
                }
                try {
                    publisher.publish(Arrays.stream(kept).filter(Objects::nonNull).toList()); // in the batch's order
                } catch (JMSException | JsonProcessingException e) {
                    throw new PublishFailedException(e);
                }
            });
        } catch (RuntimeException e) {
            Exception failure = e instanceof PublishFailedException publish ? (Exception) publish.getCause() : e;
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().completeExceptionally(refused[i] != null ? refused[i] : failure);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (kept[i] != null) {
                batch.get(i).result().complete(kept[i]);
            } else {
                batch.get(i).result().completeExceptionally(refused[i]);
            }
        }
    }

    /**
     * What a message rolled back to its savepoint registered to run after the commit (counting its audit entries,
     * say) must not run: its work is not committed.
     */
    private static void forgetSynchronizationsSince(List<TransactionSynchronization> registeredBefore) {
        TransactionSynchronizationManager.clearSynchronization();
        TransactionSynchronizationManager.initSynchronization();
        registeredBefore.forEach(TransactionSynchronizationManager::registerSynchronization);
    }

    /** Carries the broker's checked exception out of the transaction's callback. */
    private static final class PublishFailedException extends RuntimeException {
        PublishFailedException(Exception cause) {
            super(cause);
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < settings.committers(); i++) {
            Thread committer = new Thread(this::run, "acceptance-committer-" + i);
            committer.setDaemon(true);
            committers.add(committer);
            committer.start();
        }
    }

    /** What is waiting is still committed; a message arriving now is told to come back. */
    @Override
    public void stop() {
        running = false;
        for (Thread committer : committers) {
            try {
                committer.join(30_000); // not an interrupt: one in the middle of H2's file I/O closes the database
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        committers.clear();
        Waiting late; // queued as the committers finished
        while ((late = waiting.poll()) != null) {
            late.result().completeExceptionally(new TransientDataAccessResourceException("The hub is stopping; the message was not kept."));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the routes and the web server (higher phases), before the audit chainer and the data source. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 2_000;
    }
}
