package dev.tsforge.logging;

import dev.tsforge.support.PostgresSchema;

/**
 * {@link StructuredLogsTests} on PostgreSQL: the job's ids on the lines of a job JobRunr ran from its PostgreSQL
 * storage.
 */
@PostgresSchema
class PostgresStructuredLogsTests extends StructuredLogsTests {
}
