package dev.tsforge.webhooks;

import java.time.Instant;
import java.util.List;

/**
 * One event for one subscription, with every attempt made to send it.
 *
 * @param status        PENDING (waiting for its next attempt, or being sent), DELIVERED or FAILED
 * @param nextAttemptAt when a PENDING delivery is tried next
 * @param payload       the body sent, as sent (and signed)
 */
public record WebhookDelivery(long id, long subscriptionId, String webhookId, String eventType, String status,
        int attempts, Instant nextAttemptAt, Integer lastStatusCode, String lastError, Instant createdAt,
        Instant deliveredAt, String payload, List<Attempt> attemptLog) {

    /** One try: the receiver's status code, or what went wrong before one came. */
    public record Attempt(int attempt, Integer statusCode, String error, long durationMillis, Instant attemptedAt) {
    }

    /** The Standard Webhooks {@code webhook-id}: the same at every retry, so receivers can drop duplicates. */
    static String webhookId(long deliveryId) {
        return "msg_tsforge_" + deliveryId;
    }
}
