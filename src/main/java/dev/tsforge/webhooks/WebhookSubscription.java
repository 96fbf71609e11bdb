package dev.tsforge.webhooks;

import java.time.Instant;
import java.util.List;

/**
 * A receiver of events; never carries its signing secret, which is shown once at creation.
 *
 * @param deactivatedReason why it stopped (the receiver answered 410 Gone), else null
 */
public record WebhookSubscription(long id, String url, List<String> events, String description, boolean active,
        String deactivatedReason, Instant createdAt) {
}
