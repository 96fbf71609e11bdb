package dev.tsforge.webhooks;

import dev.tsforge.support.PostgresSchema;

/** {@link WebhookDeliveryTests} on PostgreSQL: the claim's compare-and-set and the delivery log's queries there. */
@PostgresSchema
class PostgresWebhookDeliveryTests extends WebhookDeliveryTests {
}
