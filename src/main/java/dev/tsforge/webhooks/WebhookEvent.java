package dev.tsforge.webhooks;

import java.util.Arrays;
import java.util.Optional;

/**
 * The event types a subscription may ask for, named as Standard Webhooks recommends (dot-separated, stable). An event
 * reserved for a feature that does not exist yet is marked unpublished: it is refused at subscription until something
 * publishes it, so that no one waits for deliveries that never come.
 */
public enum WebhookEvent {
    JOB_SUCCEEDED("job.succeeded", true),
    JOB_FAILED("job.failed", true),
    JOB_CANCELLED("job.cancelled", true),
    CHAMPION_CHANGED("model.champion-changed", true),
    DRIFT_FLAGGED("series.drift-flagged", true),
    ANOMALY_FOUND("series.anomaly-found", true),
    /** Sent by {@code POST /webhooks/{id}/test} whatever the subscription's events. */
    PING("ping", false);

    private final String type;
    private final boolean published;

    WebhookEvent(String type, boolean published) {
        this.type = type;
        this.published = published;
    }

    public String type() {
        return type;
    }

    /** Whether something in the service sends this event today (ping is sent on request only). */
    public boolean published() {
        return published;
    }

    public static Optional<WebhookEvent> of(String type) {
        return Arrays.stream(values()).filter(event -> event.type.equals(type)).findFirst();
    }
}
