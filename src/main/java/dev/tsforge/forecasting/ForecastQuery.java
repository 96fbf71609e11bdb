package dev.tsforge.forecasting;

import java.time.Instant;
import java.util.List;

/**
 * What to forecast: a series with its champion, a model on its own series, or a model on values sent with the
 * request (nothing is stored then). {@code levels} are interval levels in percent; null means the defaults.
 */
public record ForecastQuery(Long seriesId, Long modelId, List<Double> values, Instant lastTimestamp,
        Integer horizon, List<Double> levels) {
}
