package dev.tsforge.series.web;

import dev.tsforge.series.PointStats;
import dev.tsforge.series.Series;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/** A series with how much data it holds. Timestamps are null while it has no points. */
record SeriesResponse(long id, String name, String frequency,
        @Schema(description = "The effective anchor: the weekday for P1W, START or END for month-based grids, "
                + "null for other grids", example = "WEDNESDAY", nullable = true)
        String anchor,
        @Schema(description = "Monday to Friday (P1D only)")
        boolean businessDays,
        @Schema(description = "The zone whose local midnights the grid lies on", example = "UTC")
        String timeZone,
        @Schema(description = "Who chose the anchor or business days: DECLARED (the client, or nothing to choose), "
                + "PENDING (no points yet; the first batch decides, the default shown until then), INFERRED (the "
                + "first batch). Once the series has points its grid is fixed")
        Series.GridSource gridSource,
        String description, String unit, int seasonalPeriod,
        @Schema(description = "Whether a week is a season too: a grid finer than a day whose seasonalPeriod is a day "
                + "of its steps (PT30M and 48, PT1H and 24), where AUTO also tries the value a week before "
                + "(WEEKLY_NAIVE) and ETS on values adjusted by MSTL for the day and the week (MSTL_ETS, on three "
                + "weeks), and its statistical candidates read at least a week")
        boolean weeklySeason,
        @Schema(description = "Whether the values can never be negative: declared, or inferred (true while no "
                + "stored value is negative)")
        boolean nonNegative,
        @Schema(description = "DECLARED by the client or INFERRED from the stored values")
        Series.Source nonNegativeSource,
        Instant createdAt, Instant updatedAt, long pointCount, Instant firstTimestamp, Instant lastTimestamp,
        @Schema(description = "The collection it belongs to", nullable = true) String collection,
        @Schema(description = "Its name within the collection", nullable = true) String uniqueId,
        @Schema(description = "Its labels (members of a collection)", example = "{\"store\": \"12\"}")
        Map<String, String> labels) {

    static SeriesResponse of(Series series, PointStats stats, SeriesSummary.Membership membership) {
        return new SeriesResponse(series.id(), series.name(), series.frequency().toString(),
                series.frequency().anchor(), series.frequency().businessDays(), series.frequency().zoneName(),
                series.gridSource(), series.description(), series.unit(), series.seasonalPeriod(),
                series.weeklySeason(), series.nonNegative(), series.nonNegativeSource(), series.createdAt(),
                series.updatedAt(),
                stats.count(), stats.first(), stats.last(), membership.collection(), membership.uniqueId(),
                membership.labels());
    }
}
