package dev.tsforge.series.web;

import dev.tsforge.series.PointStats;
import dev.tsforge.series.Series;
import java.time.Instant;

/** A series with how much data it holds. Timestamps are null while it has no points. */
record SeriesResponse(long id, String name, String frequency, String description, String unit, int seasonalPeriod,
        Instant createdAt, Instant updatedAt, long pointCount, Instant firstTimestamp, Instant lastTimestamp) {

    static SeriesResponse of(Series series, PointStats stats) {
        return new SeriesResponse(series.id(), series.name(), series.frequency().toString(), series.description(),
                series.unit(), series.seasonalPeriod(), series.createdAt(), series.updatedAt(), stats.count(),
                stats.first(), stats.last());
    }
}
