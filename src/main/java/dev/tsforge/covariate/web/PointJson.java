package dev.tsforge.covariate.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** A covariate point as sent in JSON; read as text so a bad row is reported with its index and reason. */
@Schema(name = "CovariatePoint", description = "One value of a covariate series")
record PointJson(
        @Schema(description = "ISO-8601 date-time on the owner's grid; without an offset it is read in the owner's "
                + "time zone", example = "2024-01-01T00:00:00Z", type = "string") String timestamp,
        @Schema(description = "A finite number", example = "21.5", type = "number") String value) {
}
