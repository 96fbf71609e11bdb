package dev.tsforge.registry;

import dev.tsforge.support.PostgresAvailable;
import dev.tsforge.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ModelArtifactStoreTests} on PostgreSQL, where the artifact is a {@code bytea}. */
@PostgresAvailable
// closed after the class: its schema is dropped, and a cached context would go on polling it
@DirtiesContext
class PostgresModelArtifactStoreTests extends ModelArtifactStoreTests {

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
