package dev.tsforge.series.web;

import dev.tsforge.series.SeriesCollection;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A collection with its grid and how many series it holds. */
record CollectionResponse(String name, String frequency,
        @Schema(nullable = true) String anchor, boolean businessDays, String timeZone, String description,
        @Schema(description = "Series in the collection") long seriesCount, Instant createdAt, Instant updatedAt) {

    static CollectionResponse of(SeriesCollection collection, long seriesCount) {
        return new CollectionResponse(collection.name(), collection.frequency().toString(),
                collection.frequency().anchor(), collection.frequency().businessDays(),
                collection.frequency().zoneName(), collection.description(), seriesCount, collection.createdAt(),
                collection.updatedAt());
    }
}
