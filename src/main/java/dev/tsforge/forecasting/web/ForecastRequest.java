package dev.tsforge.forecasting.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

@Schema(description = "What to forecast: a series (with its newest model) or a specific model, and how far")
record ForecastRequest(
        @Schema(description = "Series to forecast with its newest model", example = "1") Long seriesId,
        @Schema(description = "Model to forecast with (on its own series)") Long modelId,
        @Schema(description = "Steps ahead, on the series' grid; at most tsforge.limits.max-horizon",
                example = "24")
        @NotNull @Min(1) Integer horizon) {
}
