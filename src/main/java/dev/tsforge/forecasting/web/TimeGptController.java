package dev.tsforge.forecasting.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tsforge.forecasting.ConcatenatedForecasts;
import dev.tsforge.series.Frequency;
import dev.tsforge.series.PandasFrequency;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Nixtla TimeGPT's v2 forecast request at its own path, so that a client of that API (its {@code base_url} pointed
 * here, its key a tsforge API key) gets forecasts of a tsforge model. Outside {@code /api/v1}: the path is theirs.
 */
@RestController
@Tag(name = "TimeGPT-compatible", description = "Nixtla TimeGPT v2 request and response shapes")
class TimeGptController {

    private final ConcatenatedForecasts forecasts;

    TimeGptController(ConcatenatedForecasts forecasts) {
        this.forecasts = forecasts;
    }

    @Schema(description = "TimeGPT's v2 forecast request; the fields its client sends that do not change a tsforge "
            + "forecast (clean_ex_first, finetune_loss, finetune_depth, feature_contributions) are ignored")
    // what Nixtla's client sends by default; any other unknown field is refused, as everywhere in the API
    @JsonIgnoreProperties({"clean_ex_first", "finetune_loss", "finetune_depth", "finetuned_model_id",
            "feature_contributions"})
    record TimeGptRequest(
            @Schema(description = "The series, concatenated: y holds the values of all, sizes how many each has")
            SeriesInput series,
            @Schema(description = "pandas alias of the values' grid; must be the model's (D, B, W-WED, MS, ME, h, "
                    + "30min, ...)", example = "D") String freq,
            @Schema(description = "Steps ahead", example = "24") Integer h,
            @Schema(description = "Interval levels in percent", example = "[80, 95]") List<Double> level,
            @Schema(description = "A registered model's id (a number, or its digits as a string)", example = "3")
            String model,
            @JsonProperty("finetune_steps") @Schema(description = "0 or absent: tsforge does not fine-tune")
            Integer finetuneSteps) {
    }

    @Schema(description = "The series, concatenated, with their exogenous variables: rows matched by position to the "
            + "model's covariate series, its known-future ones (in its schema's order) first, then its past-only ones")
    record SeriesInput(
            @Schema(description = "The values of every series, one after another") List<Double> y,
            @Schema(description = "How many values each series has, in order") List<Integer> sizes,
            @JsonProperty("X") @Schema(description = "Exogenous variables over the series' values: one row per "
                    + "covariate series the model reads (known-future ones first, then past-only), each as long as "
                    + "y and concatenated the same way", example = "[[0, 1, 0, 0, 1]]")
            List<List<Double>> exogenous,
            @JsonProperty("X_future") @Schema(description = "The known-future variables' values over the horizon: "
                    + "one row per known-future covariate series, in X's order, h values per series concatenated",
                    example = "[[1, 0]]")
            List<List<Double>> futureExogenous) {
    }

    @Schema(description = "Forecasts in the request's order, h values per series; intervals by level, lo-80, hi-80, "
            + "...; null without levels")
    record TimeGptResponse(double[] mean, Map<String, Double[]> intervals) {
    }

    @PostMapping(value = "/v2/forecast", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "timeGptForecast", summary = "Forecast many series sent in TimeGPT's v2 shape with a "
            + "tsforge model",
            description = "Each series is forecast as POST /api/v1/forecasts forecasts values sent with a modelId (the "
                    + "same numbers, intervals and divergence guard), X and X_future as its covariateHistory and "
                    + "covariates; the answer concatenates them in the request's order. Authenticate with "
                    + "Authorization: Bearer <tsforge API key>.")
    @ApiResponse(responseCode = "200", description = "mean and intervals, concatenated")
    @ApiResponse(responseCode = "400", description = "Missing series, freq or h; sizes that do not add up; X or "
            + "X_future with another number of rows than the model's covariate series, a row of the wrong length or "
            + "with a null (feature and, where known, seriesIndex name it); a series shorter than the model's "
            + "lookback (seriesIndex names it)")
    @ApiResponse(responseCode = "404", description = "No model with that id")
    @ApiResponse(responseCode = "422", description = "model is not a registered model's id, or is on another grid "
            + "than freq, or reads calendar or holiday inputs (they need timestamps); freq is no supported alias; X "
            + "sent to a model without covariate series (model-not-usable); X, or X_future for a model with "
            + "known-future covariates, missing (missing-covariates)")
    TimeGptResponse forecast(@RequestBody TimeGptRequest request) {
        if (request.series() == null) {
            throw ApiProblemException.invalidField("series", "give series with y and sizes");
        }
        if (request.finetuneSteps() != null && request.finetuneSteps() > 0) {
            throw new ApiProblemException(ProblemType.MODEL_NOT_USABLE, "tsforge does not fine-tune at forecast time: "
                    + "send finetune_steps 0, or train a model on the series (POST /api/v1/series/{id}/trainings)");
        }
        if (request.freq() == null) {
            throw ApiProblemException.invalidField("freq", "give the values' frequency as a pandas alias");
        }
        Frequency grid;
        try {
            grid = PandasFrequency.parse(request.freq());
        } catch (IllegalArgumentException e) {
            throw new ApiProblemException(ProblemType.UNSUPPORTED_FREQUENCY, e.getMessage(),
                    Map.of("freq", request.freq()));
        }
        ConcatenatedForecasts.Concatenated result = forecasts.forecast(modelId(request.model()), grid,
                request.freq(), request.series().y(), request.series().sizes(), new ConcatenatedForecasts.Exogenous(
                        request.series().exogenous(), request.series().futureExogenous()), request.h(),
                request.level());
        // as TimeGPT: intervals only where levels were asked for
        return new TimeGptResponse(result.mean(), request.level() == null || result.intervals().isEmpty() ? null
                : result.intervals());
    }

    private static long modelId(String model) {
        if (model == null || model.isBlank() || !model.trim().chars().allMatch(Character::isDigit)
                || model.trim().length() > 18) {
            throw new ApiProblemException(ProblemType.MODEL_NOT_USABLE, "model must name a registered tsforge model "
                    + "by its id (GET /api/v1/series/{id}/models lists them), got " + (model == null ? "none"
                    : "'" + model + "'"), Map.of("model", String.valueOf(model)));
        }
        return Long.parseLong(model.trim());
    }
}
