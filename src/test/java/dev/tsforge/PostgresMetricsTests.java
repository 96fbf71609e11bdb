package dev.tsforge;

import dev.tsforge.support.PostgresAvailable;
import dev.tsforge.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link MetricsTests} on PostgreSQL, the production storage: the queue depth is read from the database at each
 * scrape, and JobRunr's job metrics come from its PostgreSQL storage.
 */
@PostgresAvailable
// closed after the class: its schema is dropped, and a cached context would go on polling it
@DirtiesContext
class PostgresMetricsTests extends MetricsTests {

    private static final String SCHEMA = TestPostgres.newSchema();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, SCHEMA);
    }

    @AfterAll
    static void dropSchema() throws Exception {
        TestPostgres.dropSchema(SCHEMA);
    }
}
