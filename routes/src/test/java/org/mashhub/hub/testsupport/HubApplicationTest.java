package org.mashhub.hub.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.mashhub.hub.casesystem.SimulatedCaseSystem;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.mashhub.hub.audit.AuditChainer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole hub on a random port with an embedded Artemis whose persistent journal is in a temporary
 * directory; the case system is the in-process simulator. Subclasses say which database.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
public abstract class HubApplicationTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected SimulatedCaseSystem caseSystem;

    @Autowired
    private AuditChainer auditChainer;

    @Autowired
    protected org.springframework.context.ApplicationContext context;

    protected PartnerHttpClient http;

    @DynamicPropertySource
    static void aFreshDataDir(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("mash-hub-it-");
        registry.add("hub.data-dir", dataDir::toString);
        registry.add("hub.schools.inbox-dir", () -> dataDir.resolve("inbox").resolve("schools").toString());
    }

    @BeforeEach
    void freshCaseSystemAndClient() {
        caseSystem.reset();
        http = new PartnerHttpClient(port);
    }

    /**
     * Waits until the events' delivery has committed: the ledger's status and the DELIVERED audit entry are
     * written together, just after the case system answered, so the simulator's receipt alone comes too early.
     */
    protected void awaitDelivered(Collection<String> eventIds) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> eventIds.stream().allMatch(id -> jdbc.queryForList(
                "select 1 from accepted_event where event_id = ? and status = 'DELIVERED'", Integer.class, id).size() == 1));
    }

    /** The database, once every audit entry committed so far is chained: for queries of {@code audit_entry}. */
    protected JdbcTemplate audited() {
        auditChainer.chainPending();
        return jdbc;
    }

    protected void awaitDelivered(String eventId) {
        awaitDelivered(List.of(eventId));
    }

    /** The hub's notices of this type about the child that the case system holds, once there are this many. */
    protected List<SimulatedCaseSystem.Received> awaitNotices(String hubChildId, String noticeType, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> notices(hubChildId, noticeType).size() >= count);
        return notices(hubChildId, noticeType);
    }

    protected List<SimulatedCaseSystem.Received> notices(String hubChildId, String noticeType) {
        return caseSystem.received().stream().filter(r -> r.event().path("noticeType").asText().equals(noticeType)
                && r.event().at("/child/hubChildId").asText().equals(hubChildId)).toList();
    }

    /** The place in the child's sequence of each event the case system holds about the child. */
    protected List<Long> sequencesHeld(String hubChildId) {
        return caseSystem.received().stream().filter(r -> r.event().at("/child/hubChildId").asText().equals(hubChildId))
                .map(SimulatedCaseSystem.Received::childSequence).toList();
    }
}
