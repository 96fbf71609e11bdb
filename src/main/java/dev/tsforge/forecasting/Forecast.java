package dev.tsforge.forecasting;

import java.time.Instant;
import java.util.List;

/**
 * Forecast values with prediction intervals, on the series' grid after the last input value.
 *
 * @param seriesId       the series forecast, or null for values sent with the request
 * @param strategy       the model's strategy: {@code RECURSIVE} (one step at a time, each fed back) or
 *                       {@code DIRECT} (all its trained steps at once)
 * @param trainedHorizon steps one forward pass of the model emits (1 for RECURSIVE)
 * @param rolledOut      true when the horizon needed more than one forward pass, each pass's output fed back as
 *                       input: always for RECURSIVE beyond one step, for DIRECT beyond its trained horizon
 * @param levels         the interval levels, in percent
 * @param intervalNote   why some or all intervals are missing, or null when every step has them
 * @param input          what the forecast was made from
 * @param fallback       null when the model's own forecast is served; otherwise the method served instead, and why
 * @param intervalMethods how the intervals of each level were made
 */
public record Forecast(Long seriesId, long modelId, String frequency, int horizon, String strategy,
        int trainedHorizon, boolean rolledOut, List<Double> levels, String intervalNote, InputSummary input,
        List<Step> points, Fallback fallback, List<IntervalSource> intervalMethods) {

    /**
     * The forecast served in place of the model's, which left the plausible range (a divergence).
     *
     * @param method the statistical method served: the model's fallback, or seasonal naive
     * @param reason what the model's forecast did
     */
    public record Fallback(String method, String reason) {
    }

    /** How the intervals at one level were made; null method when no interval could be made. */
    public record IntervalSource(double level, IntervalMethod method) {
    }

    /**
     * One forecast step; {@code timestamp} is null for request values sent without {@code lastTimestamp}.
     */
    public record Step(int step, Instant timestamp, double value, List<Interval> intervals) {
    }

    /** A prediction interval; both bounds null when the model has no calibration for it. */
    public record Interval(double level, Double lower, Double upper) {
    }

    /**
     * The data behind the forecast, in short.
     *
     * @param source          {@code SERIES} (its latest points) or {@code REQUEST} (values sent with it)
     * @param valuesUsed      input values the model read (its lookback), or those its fallback read where that read
     *                        further back
     * @param from            first input timestamp, when known
     * @param to              last input timestamp, when known
     * @param seriesPoints    points the series holds
     * @param missingInSeries grid steps without a point between the series' first and last points
     * @param gapHandling     how gaps are treated (the model's gap policy, and the fallback's read where it read)
     * @param imputedValues   input values that were filled in rather than observed
     * @param maskedValues    input values that were missing and masked, unknown to the network (MASK policy)
     */
    public record InputSummary(String source, int valuesUsed, Instant from, Instant to, Long seriesPoints,
            Long missingInSeries, String gapHandling, int imputedValues, int maskedValues) {
    }
}
