package dev.tsforge.anomalies;

import dev.tsforge.support.PostgresSchema;

/** {@link AnomalyTests} on PostgreSQL: V18, the anomaly rows' replacement, the duplicate counter's own transaction. */
@PostgresSchema
class PostgresAnomalyTests extends AnomalyTests {
}
