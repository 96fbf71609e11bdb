package dev.tsforge.training;

import dev.tsforge.support.PostgresAvailable;
import dev.tsforge.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link JobTransitionsContract} on PostgreSQL, in a schema of its own. */
@PostgresAvailable
class PostgresJobTransitionsTests extends JobTransitionsContract {

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
