package dev.tsforge.series.web;

import dev.tsforge.series.CollectionService;
import dev.tsforge.series.Series;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A series as listed: without point statistics, which cost a query each (GET the series for them). */
record SeriesSummary(long id, String name, String frequency, String anchor, boolean businessDays, String timeZone,
        Series.GridSource gridSource, String description, String unit, int seasonalPeriod, boolean nonNegative,
        Series.Source nonNegativeSource, Instant createdAt, Instant updatedAt,
        @Schema(description = "The collection it belongs to", nullable = true) String collection,
        @Schema(description = "Its name within the collection", nullable = true) String uniqueId,
        @Schema(description = "Its labels (members of a collection)", example = "{\"store\": \"12\"}")
        Map<String, String> labels) {

    /** Where a series belongs: its collection, its name there, its labels (all empty for a standalone series). */
    record Membership(String collection, String uniqueId, Map<String, String> labels) {
        static final Membership NONE = new Membership(null, null, Map.of());
    }

    static Membership membership(Series series, CollectionService collections) {
        if (series.collectionId() == null) {
            return Membership.NONE;
        }
        return new Membership(collections.name(series.collectionId()), series.uniqueId(),
                collections.labels(List.of(series.id())).get(series.id()));
    }

    /** A page: labels in one query, each collection's name once. */
    static List<SeriesSummary> of(List<Series> page, CollectionService collections) {
        Map<Long, Map<String, String>> labels = collections.labels(page.stream().map(Series::id).toList());
        Map<Long, String> names = new HashMap<>();
        return page.stream().map(series -> {
            String collection = series.collectionId() == null ? null
                    : names.computeIfAbsent(series.collectionId(), collections::name);
            return of(series, new Membership(collection, series.uniqueId(), labels.get(series.id())));
        }).toList();
    }

    static SeriesSummary of(Series series, Membership membership) {
        return new SeriesSummary(series.id(), series.name(), series.frequency().toString(),
                series.frequency().anchor(), series.frequency().businessDays(), series.frequency().zoneName(),
                series.gridSource(), series.description(), series.unit(), series.seasonalPeriod(),
                series.nonNegative(), series.nonNegativeSource(), series.createdAt(), series.updatedAt(),
                membership.collection(), membership.uniqueId(), membership.labels());
    }
}
