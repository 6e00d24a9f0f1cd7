package org.mashhub.hub.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole hub against the real PostgreSQL, in a schema of its own. Each test class gets its own
 * context, so its own schema and broker.
 */
public abstract class HubIntegrationTest extends HubApplicationTest {

    @DynamicPropertySource
    static void realPostgres(DynamicPropertyRegistry registry) {
        String url = TestDatabases.freshPostgresSchemaUrl();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", TestDatabases::user);
        registry.add("spring.datasource.password", TestDatabases::password);
    }
}
