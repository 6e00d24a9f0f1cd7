package org.mashhub.hub.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole hub against the real PostgreSQL, in a schema of its own. Test classes with this same
 * configuration share one context (Spring's test context cache), so one schema and one broker: tests
 * use message ids of their own and never assume an empty database.
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
