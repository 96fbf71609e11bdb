package dev.tsforge.ledger;

import java.time.Instant;
import java.time.LocalTime;

/**
 * A recording setting of a series or a collection (exactly one of the ids).
 *
 * @param dailyAt  the time of day (UTC) of a SCHEDULED recording; null otherwise
 * @param horizon  the steps a SCHEDULED recording forecasts; null otherwise
 * @param lastTick the scheduled time last recorded, or null
 */
public record RecordingPolicy(long id, Long seriesId, Long collectionId, RecordingMode mode, LocalTime dailyAt,
        Integer horizon, Instant lastTick, Instant updatedAt) {

    /** The latest scheduled time at or before {@code now} that falls after the policy was set, or null. */
    Instant dueTick(Instant now) {
        if (mode != RecordingMode.SCHEDULED) {
            return null;
        }
        Instant today = now.atZone(java.time.ZoneOffset.UTC).toLocalDate().atTime(dailyAt)
                .toInstant(java.time.ZoneOffset.UTC);
        Instant tick = today.isAfter(now) ? today.minus(java.time.Duration.ofDays(1)) : today;
        if (tick.isBefore(updatedAt) || (lastTick != null && !tick.isAfter(lastTick))) {
            return null;
        }
        return tick;
    }
}
