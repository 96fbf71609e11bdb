package dev.tsforge.charts;

import java.time.Instant;
import java.util.List;

/**
 * What a series chart shows.
 *
 * @param from     first point shown (inclusive), or null
 * @param to       last point shown (inclusive), or null
 * @param last     show only the latest this many points (instead of from/to), or null
 * @param forecast draw a forecast from the end of the series, with its intervals
 * @param modelId  the model whose holdout is marked and that forecasts; null: the series' champion, if any
 * @param horizon  forecast steps; null: the model's horizon
 * @param levels   interval levels in percent; null: the forecast defaults (80, 95)
 */
public record SeriesChartQuery(Instant from, Instant to, Integer last, boolean forecast, Long modelId,
        Integer horizon, List<Double> levels) {
}
