package dev.tsforge.series.web;

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
        @Schema(description = "Free text", example = "sin(x) + N(0, 0.3), the classic RNN example")
        @Size(max = 1000)
        String description,
        @Schema(description = "Unit of the values", example = "kWh")
        @Size(max = 64)
        String unit,
        @Schema(description = "Season length in steps, for seasonal naive and MASE; default from the frequency "
                + "(24 for PT1H, 7 for P1D, 12 for P1M, 4 for P3M, 1 for P1Y)", example = "24")
        @Min(1) @Max(100_000)
        Integer seasonalPeriod) {
}
