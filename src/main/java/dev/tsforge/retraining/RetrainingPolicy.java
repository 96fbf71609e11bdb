package dev.tsforge.retraining;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.scheduling.support.CronExpression;

/**
 * A retraining policy of a series or a collection (exactly one of the ids).
 *
 * @param cron     the SCHEDULE's cron expression (Spring's six fields, UTC); null otherwise
 * @param points   the new points after which AFTER_POINTS fires; null otherwise
 * @param lastTick the cron tick last taken, or null
 */
public record RetrainingPolicy(long id, Long seriesId, Long collectionId, RetrainingTrigger trigger, String cron,
        Integer points, RetrainingStart start, Instant lastTick, Instant updatedAt) {

    /**
     * Ticks a stopped service would have to catch up on are not fired one by one: after this many steps of the cron
     * the search gives up on finding the latest, and the next round looks again from where it stopped.
     */
    private static final int MAX_STEPS = 10_000;

    /** The latest cron tick at or before {@code now} that falls after the policy was set and after the last tick. */
    Instant dueTick(Instant now) {
        if (trigger != RetrainingTrigger.SCHEDULE) {
            return null;
        }
        CronExpression expression = CronExpression.parse(cron);
        Instant from = lastTick != null && lastTick.isAfter(updatedAt) ? lastTick : updatedAt;
        var tick = expression.next(from.atZone(ZoneOffset.UTC));
        if (tick == null || tick.toInstant().isAfter(now)) {
            return null;
        }
        for (int step = 0; step < MAX_STEPS; step++) {
            var next = expression.next(tick);
            if (next == null || next.toInstant().isAfter(now)) {
                break;
            }
            tick = next;
        }
        return tick.toInstant();
    }
}
