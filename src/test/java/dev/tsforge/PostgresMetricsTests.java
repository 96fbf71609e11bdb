package dev.tsforge;

import dev.tsforge.support.PostgresSchema;

/**
 * {@link MetricsTests} on PostgreSQL, the production storage: the queue depth is read from the database at each
 * scrape, and JobRunr's job metrics come from its PostgreSQL storage.
 */
@PostgresSchema
class PostgresMetricsTests extends MetricsTests {
}
