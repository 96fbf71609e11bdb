package dev.tsforge.series.web;

import dev.tsforge.series.Series;
import java.time.Instant;

/** A series as listed: without point statistics, which cost a query each (GET the series for them). */
record SeriesSummary(long id, String name, String frequency, String anchor, boolean businessDays, String timeZone,
        Series.GridSource gridSource, String description, String unit, int seasonalPeriod, boolean nonNegative,
        Series.Source nonNegativeSource, Instant createdAt, Instant updatedAt) {

    static SeriesSummary of(Series series) {
        return new SeriesSummary(series.id(), series.name(), series.frequency().toString(),
                series.frequency().anchor(), series.frequency().businessDays(), series.frequency().zoneName(),
                series.gridSource(), series.description(), series.unit(), series.seasonalPeriod(),
                series.nonNegative(), series.nonNegativeSource(), series.createdAt(), series.updatedAt());
    }
}
