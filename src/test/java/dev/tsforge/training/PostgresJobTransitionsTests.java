package dev.tsforge.training;

import dev.tsforge.support.PostgresSchema;

/** {@link JobTransitionsContract} on PostgreSQL, in a schema of its own. */
@PostgresSchema
class PostgresJobTransitionsTests extends JobTransitionsContract {
}
