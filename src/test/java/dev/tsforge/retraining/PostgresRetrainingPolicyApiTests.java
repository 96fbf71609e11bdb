package dev.tsforge.retraining;

import dev.tsforge.support.PostgresSchema;

/** {@link RetrainingPolicyApiTests} on PostgreSQL: the policies' replace, scope and delete statements there. */
@PostgresSchema
class PostgresRetrainingPolicyApiTests extends RetrainingPolicyApiTests {
}
