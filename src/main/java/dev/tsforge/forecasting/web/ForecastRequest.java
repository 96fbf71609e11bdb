package dev.tsforge.forecasting.web;

import dev.tsforge.forecasting.ForecastQuery;
import dev.tsforge.series.PointBatchValidator;
import dev.tsforge.web.ApiProblemException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

@Schema(description = "What to forecast and how far: a series (its champion), a model (on its series' latest "
        + "points), or a model on values sent here (nothing is stored)")
record ForecastRequest(
        @Schema(description = "Series to forecast with its champion model (with modelId: a member of that global "
                + "model's collection)", example = "1") Long seriesId,
        @Schema(description = "Model to forecast with (a global model needs seriesId or values)") Long modelId,
        @Schema(description = "Steps ahead, on the grid; at most tsforge.limits.max-horizon", example = "24")
        Integer horizon,
        @Schema(description = "Prediction interval levels in percent (at most 5)", defaultValue = "[80, 95]",
                example = "[80, 95]") List<Double> levels,
        @Schema(description = "Ad hoc: the most recent values, oldest first, at least the model's lookback; "
                + "needs modelId") List<Double> values,
        @Schema(description = "Ad hoc: the timestamp of the last value, to put timestamps on the forecast",
                example = "2024-01-13T11:00:00Z") String lastTimestamp) {

    ForecastQuery toQuery() {
        Instant last = null;
        if (lastTimestamp != null) {
            last = PointBatchValidator.parseTimestamp(lastTimestamp);
            if (last == null) {
                throw ApiProblemException.invalidField("lastTimestamp", "not an ISO-8601 date-time with offset: "
                        + lastTimestamp);
            }
        }
        return new ForecastQuery(seriesId, modelId, values, last, horizon, levels);
    }
}
