package dev.tsforge.series.web;

import dev.tsforge.series.NewCollection;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Schema(description = "A new collection: a named set of series on one grid, filled by long-format uploads")
record CreateCollectionRequest(
        @Schema(description = "Unique name: letters, digits, '.', '_', '-'", example = "m5-stores")
        @NotBlank @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
                message = "must start with a letter or digit and contain only letters, digits, '.', '_' and '-'")
        String name,
        @Schema(description = "The grid of every member, as an ISO-8601 duration (PT1H, P1D, P1W, P1M, ...)",
                example = "P1D")
        @NotBlank @Size(max = 16)
        String frequency,
        @Schema(description = "As for a series; left out, the default (MONDAY for P1W, START for month-based grids): "
                + "a collection's grid is never inferred", example = "END", nullable = true)
        @Size(max = 16)
        String anchor,
        @Schema(description = "P1D only: Monday to Friday; default false", nullable = true)
        Boolean businessDays,
        @Schema(description = "IANA zone or offset for P1D and coarser; timestamps of an upload without an offset "
                + "are read there. Default UTC", example = "America/New_York", nullable = true)
        @Size(max = 64)
        String timeZone,
        @Schema(description = "Free text")
        @Size(max = 1000)
        String description) {

    NewCollection toNewCollection() {
        return new NewCollection(name, frequency, anchor, businessDays, timeZone, description);
    }
}
