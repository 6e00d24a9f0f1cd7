package org.mashhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.broker.Queues;
import org.mashhub.hub.testsupport.HousingExamples;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.mashhub.hub.testsupport.PartnerHttpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The case system down while partners keep sending: the hub goes on acknowledging, the events queue on the broker and,
 * past the address's memory (32 KiB here), page to disk; nothing is parked while the retry budget lasts; when the case
 * system is back every event arrives once. The outage here lasts as long as the sending (seconds, not the minutes of a
 * real one: the budget, not the clock, decides when an event would be parked).
 */
@TestPropertySource(properties = {"hub.broker.address-max-size=32KB", "hub.delivery.retry.max-attempts=100000",
        "hub.delivery.retry.initial-delay=100ms", "hub.delivery.retry.max-delay=1s"})
class CaseSystemOutageIT extends HubIntegrationTest {

    @Autowired
    EmbeddedActiveMQ broker;

    @Test
    void eventsQueueAndPageToDiskWhileTheCaseSystemIsDownAndAllArriveOnceAfter() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        caseSystem.answerWith(event -> down.get() ? 503 : null);

        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            HttpResponse<String> accepted = http.postHousing(PartnerHttpClient.HOUSING_KEY, HousingExamples.bytes(
                    HousingExamples.moveOf("housing-test", "Outage", "Waitington" + i, "OUTAGE-" + UUID.randomUUID())));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            eventIds.addAll(PartnerHttpClient.json(accepted).get("events").findValuesAsText("eventId"));
        }

        assertThat(broker.getActiveMQServer().getPagingManager().getPageStore(SimpleString.of(Queues.CASE_SYSTEM_DELIVERY))
                .isPaging()).as("the delivery address pages to disk").isTrue();
        assertThat(caseSystem.received()).isEmpty();
        assertThat(parked(eventIds)).isZero();

        down.set(false);
        awaitDelivered(eventIds);
        assertThat(parked(eventIds)).isZero();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> caseSystem.received().stream()
                .filter(r -> eventIds.contains(r.idempotencyKey())).count() == eventIds.size());
    }

    private int parked(List<String> eventIds) {
        return jdbc.queryForObject("select count(*) from accepted_event where status = 'PARKED' and event_id in ("
                + String.join(",", eventIds.stream().map(id -> "'" + id + "'").toList()) + ")", Integer.class);
    }
}
