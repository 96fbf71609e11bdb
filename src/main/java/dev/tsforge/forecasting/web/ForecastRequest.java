package dev.tsforge.forecasting.web;

import dev.tsforge.forecasting.ForecastQuery;
import dev.tsforge.forecasting.SentCovariates;
import dev.tsforge.series.PointBatchValidator;
import dev.tsforge.web.ApiProblemException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
                example = "2024-01-13T11:00:00Z") String lastTimestamp,
        @Schema(description = "Values of the model's known-future covariate series over the horizon, by name: "
                + "entry 0 at the first forecast step, one per step (a DIRECT model reads its whole pass); null "
                + "entries are not sent. Sent values win over stored ones; a value the forecast reads that is "
                + "neither is a 422 naming the covariate and the timestamps",
                example = "{\"temp\": [21.5, 22.0, 19.8]}") Map<String, List<Double>> covariates,
        @Schema(description = "Ad hoc: covariate values alongside values (same alignment: the last entry at "
                + "lastTimestamp), for the window; null entries are not sent")
        Map<String, List<Double>> covariateHistory,
        @Schema(description = "The series' labels, for a global model that reads labels (covariates.labels): a "
                + "series sent as values has no others; a value the training never saw, or a key not sent, takes "
                + "the label's 'other' input", example = "{\"store\": \"12\"}") Map<String, String> labels) {

    /** Without covariate values. */
    public ForecastRequest(Long seriesId, Long modelId, Integer horizon, List<Double> levels, List<Double> values,
            String lastTimestamp) {
        this(seriesId, modelId, horizon, levels, values, lastTimestamp, null, null, null);
    }

    /** Without labels. */
    public ForecastRequest(Long seriesId, Long modelId, Integer horizon, List<Double> levels, List<Double> values,
            String lastTimestamp, Map<String, List<Double>> covariates, Map<String, List<Double>> covariateHistory) {
        this(seriesId, modelId, horizon, levels, values, lastTimestamp, covariates, covariateHistory, null);
    }

    ForecastQuery toQuery() {
        Instant last = null;
        if (lastTimestamp != null) {
            last = PointBatchValidator.parseTimestamp(lastTimestamp);
            if (last == null) {
                throw ApiProblemException.invalidField("lastTimestamp", "not an ISO-8601 date-time with offset: "
                        + lastTimestamp);
            }
        }
        return new ForecastQuery(seriesId, modelId, values, last, horizon, levels,
                new SentCovariates(covariates, covariateHistory, labels));
    }
}
