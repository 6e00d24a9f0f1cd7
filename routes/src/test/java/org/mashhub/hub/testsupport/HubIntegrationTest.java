package org.mashhub.hub.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.mashhub.hub.casesystem.SimulatedCaseSystem;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole hub on a random port, against the real PostgreSQL (a schema of its own) and an embedded
 * Artemis with a persistent journal in a temporary directory; the case system is the in-process
 * simulator. Each test class gets its own context, so its own database schema and broker.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
public abstract class HubIntegrationTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected SimulatedCaseSystem caseSystem;

    protected PartnerHttpClient http;

    @DynamicPropertySource
    static void realPostgresAndAFreshDataDir(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("mash-hub-it-");
        String url = TestDatabases.freshPostgresSchemaUrl();
        registry.add("hub.data-dir", dataDir::toString);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", TestDatabases::user);
        registry.add("spring.datasource.password", TestDatabases::password);
    }

    @BeforeEach
    void freshCaseSystemAndClient() {
        caseSystem.reset();
        http = new PartnerHttpClient(port);
    }
}
