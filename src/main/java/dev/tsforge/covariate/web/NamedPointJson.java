package dev.tsforge.covariate.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** A point of one of several covariates uploaded together (long format). */
@Schema(name = "NamedCovariatePoint", description = "One value of the named covariate series")
record NamedPointJson(
        @Schema(description = "The covariate's name (declared beforehand)", example = "temp") String name,
        @Schema(description = "ISO-8601 date-time on the owner's grid", example = "2024-01-01T00:00:00Z",
                type = "string") String timestamp,
        @Schema(description = "A finite number", example = "21.5", type = "number") String value) {
}
