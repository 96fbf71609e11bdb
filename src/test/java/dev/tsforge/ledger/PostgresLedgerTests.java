package dev.tsforge.ledger;

import dev.tsforge.support.PostgresSchema;

/** {@link LedgerTests} on PostgreSQL: V16, the scoring and retention queries, the tick's compare-and-set there. */
@PostgresSchema
class PostgresLedgerTests extends LedgerTests {
}
