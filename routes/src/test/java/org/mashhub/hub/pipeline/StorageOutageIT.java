package org.mashhub.hub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mashhub.hub.testsupport.PartnerHttpClient.HOUSING_KEY;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.testsupport.HousingExamples;
import org.mashhub.hub.testsupport.HubApplicationTest;
import org.mashhub.hub.testsupport.TcpProxy;
import org.mashhub.hub.testsupport.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * When the hub cannot make a message durable it says so (503 with Retry-After), acknowledges nothing,
 * leaves nothing half-written, and takes messages again by itself once the database is back. Without the broker it
 * still accepts: events wait in the outbox and go on when the broker is back.
 * The database is really taken away: the hub reaches PostgreSQL through a proxy the test cuts. Its context is
 * closed after the class: kept for later tests, its pool went on trying the closed proxy, a stack trace a minute.
 */
@DirtiesContext
class StorageOutageIT extends HubApplicationTest {

    static TcpProxy database;

    @Autowired
    EmbeddedActiveMQ broker;

    @DynamicPropertySource
    static void reachPostgresThroughAProxy(DynamicPropertyRegistry registry) throws IOException {
        database = new TcpProxy(TestDatabases.host(), Integer.parseInt(TestDatabases.port()));
        String direct = TestDatabases.freshPostgresSchemaUrl();
        String proxied = direct.replace(TestDatabases.host() + ":" + TestDatabases.port(), "127.0.0.1:" + database.port());
        registry.add("spring.datasource.url", () -> proxied);
        registry.add("spring.datasource.username", TestDatabases::user);
        registry.add("spring.datasource.password", TestDatabases::password);
        registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
    }

    @AfterAll
    static void closeProxy() throws IOException {
        database.close();
    }

    @Test
    void withTheDatabaseGoneTheAnswerIs503AndTheHubRecoversByItself() throws Exception {
        ObjectNode notification = HousingExamples.fresh("household-move.json", "housing-test");

        database.cut();
        HttpResponse<String> refused;
        HttpResponse<String> readiness;
        try {
            refused = http.postHousing(HOUSING_KEY, HousingExamples.bytes(notification));
            readiness = http.getAsStaff("/actuator/health/readiness", null, null);
        } finally {
            database.restore();
        }
        // Probes take a hub without its database out of service (a status of DOWN alone would not).
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> http.postHousing(HOUSING_KEY, HousingExamples.bytes(notification)).statusCode() == 202);
        assertThat(countOf(notification)).isEqualTo(1);
        assertThat(http.getAsStaff("/actuator/health/readiness", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void withTheBrokerGoneAMessageIsStillAcceptedAndWaitsInTheOutboxUntilItIsBack() throws Exception {
        ObjectNode notification = HousingExamples.fresh("household-move.json", "housing-test");

        broker.getActiveMQServer().stop();
        HttpResponse<String> accepted;
        String eventId;
        try {
            // The database's commit is the acknowledgement: the broker is not needed to accept.
            accepted = http.postHousing(HOUSING_KEY, HousingExamples.bytes(notification));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            eventId = jdbc.queryForObject("select event_id from accepted_event where hub_message_id = ?", String.class,
                    hubMessageIdOf(notification));
            String waiting = eventId;
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> // several of the relay's polls
                    jdbc.queryForObject("select count(*) from event_outbox where event_id = ?", Integer.class, waiting) == 1);
        } finally {
            broker.getActiveMQServer().start();
        }

        String sent = eventId;
        await().atMost(Duration.ofSeconds(60)).until(() -> caseSystem.attempts(sent) > 0
                && "DELIVERED".equals(jdbc.queryForObject("select status from accepted_event where event_id = ?", String.class, sent)));
        assertThat(jdbc.queryForObject("select count(*) from event_outbox where event_id = ?", Integer.class, eventId)).isZero();
        assertThat(caseSystem.attempts(eventId)).isEqualTo(1);
    }

    private int countOf(ObjectNode notification) {
        return jdbc.queryForObject("select count(*) from inbound_message where partner_message_id = ?", Integer.class,
                notification.get("messageId").asText());
    }

    private static String hubMessageIdOf(ObjectNode notification) {
        return org.mashhub.schemas.events.EventIds.hubMessageId("housing-test", notification.get("messageId").asText());
    }
}
