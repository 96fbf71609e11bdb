package dev.tsforge.series.web;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A point as sent in JSON. Both fields are read as text so that a bad row is reported with its index and
 * reason instead of failing the whole body.
 */
@Schema(description = "One observation")
record PointJson(
        @Schema(description = "ISO-8601 date-time on the series' grid; without an offset (or a plain date) it is read in the series' time zone", example = "2024-01-01T00:00:00Z",
                type = "string")
        String timestamp,
        @Schema(description = "A finite number", example = "1.5", type = "number")
        String value) {
}
