package dev.tsforge.series.web;

import dev.tsforge.series.NewSeries;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Schema(description = "A new time series")
record CreateSeriesRequest(
        @Schema(description = "Unique name: letters, digits, '.', '_', '-'", example = "noisy-sine")
        @NotBlank @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
                message = "must start with a letter or digit and contain only letters, digits, '.', '_' and '-'")
        String name,
        @Schema(description = "Sampling grid as an ISO-8601 duration: PT1M, PT15M, PT1H, P1D, P1W, P1M, P3M, P1Y",
                example = "PT1H")
        @NotBlank @Size(max = 16)
        String frequency,
        @Schema(description = ANCHOR, example = "WEDNESDAY", nullable = true)
        @Size(max = 16)
        String anchor,
        @Schema(description = BUSINESS_DAYS, nullable = true)
        Boolean businessDays,
        @Schema(description = TIME_ZONE, example = "Europe/Berlin", nullable = true)
        @Size(max = 64)
        String timeZone,
        @Schema(description = "Free text", example = "sin(x) + N(0, 0.3), the classic RNN example")
        @Size(max = 1000)
        String description,
        @Schema(description = "Unit of the values", example = "kWh")
        @Size(max = 64)
        String unit,
        @Schema(description = "Season length in steps, for seasonal naive and MASE; default from the frequency "
                + "(24 for PT1H, 7 for P1D, 12 for P1M, 4 for P3M, 1 for P1Y)", example = "24")
        @Min(1) @Max(100_000)
        Integer seasonalPeriod,
        @Schema(description = NON_NEGATIVE, nullable = true)
        Boolean nonNegative) {

    static final String ANCHOR = "Where the grid's stamps fall. P1W: the weekday, MONDAY (default) ... SUNDAY, e.g. "
            + "WEDNESDAY for weeks ending Wednesday. Month-based grids (P1M, P3M, P6M, P1Y): START (default, the "
            + "1st) or END (the last day of the period: 2024-01-31; P3M quarters end in March, June, September, "
            + "December; P1Y on 31 December). Other grids have none. Left out, the first ingested batch decides: "
            + "weekly stamps all on one weekday set that weekday, stamps all on the last day of their period set END";
    static final String BUSINESS_DAYS = "P1D only: Monday to Friday, weekends are not on the grid (no gaps; the "
            + "step after a Friday is the Monday; default season 5). Left out, the first ingested batch decides: "
            + "true when it has no Saturday or Sunday, spans at least 21 days (three whole weekends) and has a "
            + "point on at least half of its weekdays";
    static final String TIME_ZONE = "IANA zone (Europe/Berlin) or offset (+02:00) for P1D and coarser: grid points "
            + "are local midnights there (DST handled), and timestamps without an offset are read there. Sub-daily "
            + "grids are always UTC. Default UTC; never inferred";
    static final String NON_NEGATIVE = "Whether values can never be negative (forecasts are then kept at or above "
            + "zero). Left out or null: inferred, true while no stored value is negative";

    NewSeries toNewSeries() {
        return new NewSeries(name, frequency, anchor, businessDays, timeZone, description, unit, seasonalPeriod,
                nonNegative);
    }
}
