package dev.tsforge.retraining;

import dev.tsforge.support.PostgresSchema;

/** {@link RetrainingTests} on PostgreSQL: V17, the points and start compare-and-sets there. */
@PostgresSchema
class PostgresRetrainingTests extends RetrainingTests {
}
