package org.mashhub.hub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mashhub.hub.testsupport.PartnerHttpClient.HOUSING_KEY;
import static org.mashhub.hub.testsupport.PartnerHttpClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.ingest.PartnerIngest;
import org.mashhub.hub.testsupport.HousingExamples;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.events.CanonicalEvent;
import org.mashhub.schemas.events.EventIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

/**
 * Group commit of acceptance, on PostgreSQL: messages that waited together share one transaction, and each is
 * kept or refused on its own terms. The batch is made certain, not left to timing: another transaction holds the ids
 * of the first messages, one per committer, so every committer waits at the unique key while the rest queue.
 */
class AcceptanceBatchesIT extends HubIntegrationTest {

    private static final String PARTNER = "housing-test";

    @Autowired
    private AcceptanceBatches batches;
    @Autowired
    private AcceptanceProperties settings;
    @Autowired
    private PartnerIngest ingest;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private MeterRegistry meters;

    @Test
    void messagesThatWaitedTogetherAreKeptOrRefusedEachOnItsOwn() throws Exception {
        // An event the hub holds, sent again under another message id: refused as its events are recorded, which is
        // after its audit entries were written in the batch's transaction.
        HttpResponse<String> earlier = http.postHousing(HOUSING_KEY, HousingExamples.bytes(move("Earlier")));
        String heldEventId = json(earlier).at("/events/0/eventId").asText();
        CanonicalEvent held = CanonicalJson.mapper().readValue(
                jdbc.queryForObject("select payload from accepted_event where event_id = ?", String.class, heldEventId),
                CanonicalEvent.class);
        String reusingId = "IT-" + UUID.randomUUID();
        String reusingHubId = EventIds.hubMessageId(PARTNER, reusingId);
        PartnerSubmission reusesAnEvent = new PartnerSubmission(PARTNER, reusingId, reusingHubId, "0".repeat(64),
                "it-batch-reuse", Instant.now(), List.of(held), List.of(), List.of());

        List<ObjectNode> firsts = new ArrayList<>();
        for (int i = 0; i < settings.committers(); i++) {
            firsts.add(move("First" + (char) ('A' + i)));
        }
        List<ObjectNode> distinct = new ArrayList<>();
        for (char c = 'A'; c <= 'F'; c++) {
            distinct.add(move("Distinct" + c));
        }
        ObjectNode copied = move("Copied");
        double receivedBefore = steps("received");
        double publishedBefore = steps("published");

        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<HttpResponse<String>>> kept = new ArrayList<>();
        List<Future<HttpResponse<String>>> copies = new ArrayList<>();
        Future<Exception> refusal;
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            for (ObjectNode first : firsts) {
                try (PreparedStatement claim = blocker.prepareStatement("""
                        insert into inbound_message (hub_message_id, partner_id, partner_message_id, content_sha256,
                                                     correlation_id, received_at) values (?, ?, ?, ?, ?, ?)""")) {
                    claim.setString(1, UUID.randomUUID().toString());
                    claim.setString(2, PARTNER);
                    claim.setString(3, first.get("messageId").asText());
                    claim.setString(4, "0".repeat(64));
                    claim.setString(5, "it-blocker");
                    claim.setTimestamp(6, Timestamp.from(Instant.now()));
                    claim.executeUpdate();
                }
            }
            // One at a time, so each lands in a batch of its own and holds its committer.
            for (ObjectNode first : firsts) {
                int waitingBefore = sessionsWaitingOnALock();
                kept.add(pool.submit(() -> http.postHousing(HOUSING_KEY, HousingExamples.bytes(first))));
                await().atMost(Duration.ofSeconds(20)).until(() -> sessionsWaitingOnALock() > waitingBefore);
            }

            for (ObjectNode message : distinct) {
                kept.add(pool.submit(() -> http.postHousing(HOUSING_KEY, HousingExamples.bytes(message))));
            }
            for (int i = 0; i < 3; i++) {
                copies.add(pool.submit(() -> http.postHousing(HOUSING_KEY, HousingExamples.bytes(copied))));
            }
            refusal = pool.submit(() -> {
                try {
                    ingest.accept(reusesAnEvent);
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> batches.waiting() == distinct.size() + copies.size() + 1);
            blocker.rollback();
        }

        Set<String> eventIds = new LinkedHashSet<>();
        for (Future<HttpResponse<String>> reply : kept) {
            HttpResponse<String> response = reply.get();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            eventIds.addAll(json(response).get("events").findValuesAsText("eventId"));
        }
        List<JsonNode> copyReceipts = new ArrayList<>();
        for (Future<HttpResponse<String>> reply : copies) {
            HttpResponse<String> response = reply.get();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            copyReceipts.add(json(response));
        }
        assertThat(copyReceipts).allSatisfy(r -> assertThat(r).isEqualTo(copyReceipts.get(0)));
        eventIds.addAll(copyReceipts.get(0).get("events").findValuesAsText("eventId"));
        assertThat(refusal.get()).isInstanceOf(DuplicateKeyException.class);
        pool.shutdown();

        // The six that queued behind the first ones, the three copies and the refused one shared one batch.
        assertThat(meters.find("mash.hub.acceptance.batch").summary().max()).isGreaterThanOrEqualTo(10);
        // Every event kept once, published once, and counted once; the refused message left nothing, not even a count.
        for (String eventId : eventIds) {
            assertThat(jdbc.queryForObject("select count(*) from accepted_event where event_id = ?", Integer.class, eventId))
                    .isEqualTo(1);
            assertThat(audited().queryForObject("select count(*) from audit_entry where event_id = ? and action = 'PUBLISHED'",
                    Integer.class, eventId)).isEqualTo(1);
        }
        assertThat(jdbc.queryForObject("select count(*) from inbound_message where hub_message_id = ?", Integer.class, reusingHubId))
                .isZero();
        assertThat(audited().queryForObject("select count(*) from audit_entry where hub_message_id = ?", Integer.class, reusingHubId))
                .isZero();
        assertThat(steps("received") - receivedBefore).isEqualTo(firsts.size() + distinct.size() + 1);
        assertThat(steps("published") - publishedBefore).isEqualTo(eventIds.size());
        awaitDelivered(eventIds);
    }

    private static ObjectNode move(String familyName) {
        return HousingExamples.moveOf(PARTNER, "Batchy", familyName, "IT-" + UUID.randomUUID());
    }

    private double steps(String step) {
        Counter counter = meters.find("mash.hub.steps").tag("partner", PARTNER).tag("step", step).counter();
        return counter == null ? 0 : counter.count();
    }

    private int sessionsWaitingOnALock() {
        return jdbc.queryForObject("select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
                Integer.class);
    }
}
