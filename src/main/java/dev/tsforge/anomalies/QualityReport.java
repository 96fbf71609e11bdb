package dev.tsforge.anomalies;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a series' stored points say about its data.
 *
 * @param points     points stored
 * @param gaps       missing grid steps between the first and last point
 * @param duplicates batches refused at ingest for a timestamp given twice
 * @param outliers   spikes among the one-step changes
 * @param flat       runs of identical consecutive values
 * @param lastPoint  how old the last point is
 */
public record QualityReport(long seriesId, String frequency, long points, Instant first, Instant last, Gaps gaps,
        Duplicates duplicates, Outliers outliers, Flat flat, LastPoint lastPoint) {

    /** A stretch of grid steps, both ends inclusive. */
    public record Stretch(Instant from, Instant to, long steps) {
    }

    /**
     * @param runs    stretches of consecutive missing grid steps
     * @param missing missing grid steps in all
     * @param longest the longest stretch, or null without gaps
     */
    public record Gaps(long runs, long missing, Stretch longest) {
    }

    /**
     * Ingest upserts: a timestamp already stored is replaced, not refused, and is not counted here. A batch that gives
     * a timestamp twice is refused whole (400, nothing stored); those are counted.
     *
     * @param refusedBatches batches refused for a repeated timestamp
     * @param duplicates     the repeated occurrences in them (a timestamp given three times: two)
     */
    public record Duplicates(long refusedBatches, long duplicates, Instant lastRefusedAt) {
    }

    /**
     * @param rule      the rule, in words
     * @param threshold robust standard deviations a change must exceed
     * @param count     points flagged
     * @param points    the first of them, oldest first
     */
    public record Outliers(String rule, double threshold, int count, List<Outlier> points) {
    }

    /** A spike: the value, and the typical (median) one-step change around which its changes were judged. */
    public record Outlier(Instant timestamp, double value, double jumpIn, double jumpOut) {
    }

    /**
     * @param minRun  identical consecutive values that make a flat stretch
     * @param runs    flat stretches
     * @param longest the longest, or null
     * @param value   its value
     */
    public record Flat(int minRun, int runs, Stretch longest, Double value) {
    }

    /**
     * @param age          now minus the last point's timestamp (negative for a point in the future)
     * @param stepsOverdue grid steps after the last point that are already due (0 when none)
     * @param nextDue      the next grid step after the last point
     */
    public record LastPoint(Instant timestamp, Duration age, long stepsOverdue, Instant nextDue, Instant checkedAt) {
    }
}
