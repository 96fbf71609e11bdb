package dev.tsforge.series.web;

import dev.tsforge.series.Series;
import java.time.Instant;

/** A series as listed: without point statistics, which cost a query each (GET the series for them). */
record SeriesSummary(long id, String name, String frequency, String description, String unit, int seasonalPeriod,
        Instant createdAt, Instant updatedAt) {

    static SeriesSummary of(Series series) {
        return new SeriesSummary(series.id(), series.name(), series.frequency().toString(), series.description(),
                series.unit(), series.seasonalPeriod(), series.createdAt(), series.updatedAt());
    }
}
