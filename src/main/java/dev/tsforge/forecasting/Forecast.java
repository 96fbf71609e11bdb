package dev.tsforge.forecasting;

import java.time.Instant;
import java.util.List;

/**
 * Forecast values on the series' grid, continuing after its last point.
 *
 * @param strategy       the model's strategy: {@code RECURSIVE} (one step at a time, each fed back) or
 *                       {@code DIRECT} (all its trained steps at once)
 * @param trainedHorizon steps one forward pass of the model emits (1 for RECURSIVE)
 * @param rolledOut      true when the horizon needed more than one forward pass, each pass's output fed back as
 *                       input: always for RECURSIVE beyond one step, for DIRECT beyond its trained horizon
 */
public record Forecast(long seriesId, long modelId, String frequency, int horizon, String strategy,
        int trainedHorizon, boolean rolledOut, Instant lastObserved, List<Step> points) {

    public record Step(Instant timestamp, double value) {
    }
}
