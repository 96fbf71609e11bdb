package dev.tsforge.retraining;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
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
     * How far back the latest due tick is looked for, widening until one holds a tick: a cron of every second that
     * was last fired a month ago is not walked second by second.
     */
    private static final List<Duration> WINDOWS = List.of(Duration.ofHours(1), Duration.ofDays(1),
            Duration.ofDays(32), Duration.ofDays(366));
    /** Steps of the cron one search takes at most (a cron that ticks every second within a day-long window). */
    private static final int MAX_STEPS = 100_000;

    /**
     * The latest cron tick at or before {@code now} that falls after the policy was set and after the last tick
     * taken, or null: ticks missed while no replica looked fire late, once.
     */
    Instant dueTick(Instant now) {
        if (trigger != RetrainingTrigger.SCHEDULE) {
            return null;
        }
        CronExpression expression = CronExpression.parse(cron);
        Instant after = lastTick != null && lastTick.isAfter(updatedAt) ? lastTick : updatedAt;
        for (Duration window : WINDOWS) {
            Instant from = now.minus(window).isAfter(after) ? now.minus(window) : after;
            Instant due = latest(expression, from, now);
            if (due != null || from.equals(after)) {
                return due;
            }
        }
        return latest(expression, after, now);
    }

    /** The latest tick in (from, now], or null. */
    private static Instant latest(CronExpression expression, Instant from, Instant now) {
        ZonedDateTime tick = expression.next(from.atZone(ZoneOffset.UTC));
        if (tick == null || tick.toInstant().isAfter(now)) {
            return null;
        }
        for (int step = 0; step < MAX_STEPS; step++) {
            ZonedDateTime next = expression.next(tick);
            if (next == null || next.toInstant().isAfter(now)) {
                break;
            }
            tick = next;
        }
        return tick.toInstant();
    }
}
