package dev.tsforge.logging;

import dev.tsforge.support.PostgresAvailable;
import dev.tsforge.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link StructuredLogsTests} on PostgreSQL: the job's ids on the lines of a job JobRunr ran from its PostgreSQL
 * storage.
 */
@PostgresAvailable
// closed after the class: its schema is dropped, and a cached context would go on polling it
@DirtiesContext
class PostgresStructuredLogsTests extends StructuredLogsTests {

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
