package dev.tsforge.series;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** What one long-format upload stored. */
public record BulkIngestResult(
        String collection,
        @Schema(description = "Points in the upload") long received,
        @Schema(description = "Of them, points new to their series") long inserted,
        @Schema(description = "Of them, points that replaced a stored value") long updated,
        @Schema(description = "Series the upload touched") int series,
        @Schema(description = "Of them, series it created (unique_ids new to the collection)") int createdSeries,
        @Schema(description = "Earliest timestamp in the upload") Instant first,
        @Schema(description = "Latest timestamp in the upload") Instant last) {
}
