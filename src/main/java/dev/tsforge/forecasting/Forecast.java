package dev.tsforge.forecasting;

import java.time.Instant;
import java.util.List;

/**
 * Forecast values on the series' grid, continuing after its last point.
 *
 * @param strategy how multi-step values were produced ({@code RECURSIVE}: each prediction fed back as input)
 */
public record Forecast(long seriesId, long modelId, String frequency, int horizon, String strategy,
        Instant lastObserved, List<Step> points) {

    public record Step(Instant timestamp, double value) {
    }
}
