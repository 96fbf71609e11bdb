package dev.tsforge.registry;

import dev.tsforge.support.PostgresSchema;

/** {@link ModelArtifactStoreTests} on PostgreSQL, where the artifact is a {@code bytea}. */
@PostgresSchema
class PostgresModelArtifactStoreTests extends ModelArtifactStoreTests {
}
