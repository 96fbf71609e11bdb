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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Nixtla TimeGPT's v2 forecast request at its own path, so that a client of that API (its {@code base_url} pointed
 * here, its key a tsforge API key) gets forecasts of a tsforge model; with {@code GET /model_params}, which that client
 * asks first, and {@code GET /validate_api_key}, its key check. Outside {@code /api/v1}: the paths are theirs.
 */
@RestController
@Tag(name = "TimeGPT-compatible", description = "Nixtla TimeGPT v2 request and response shapes")
class TimeGptController {

    private final ConcatenatedForecasts forecasts;

    TimeGptController(ConcatenatedForecasts forecasts) {
        this.forecasts = forecasts;
    }

    @Schema(description = "TimeGPT's v2 forecast request, with every field Nixtla's client (nixtla 0.6 to 0.8 and "
            + "its main branch) sends; clean_ex_first, finetune_loss and finetune_depth change nothing here and are "
            + "ignored")
    // what Nixtla's client sends that cannot change a tsforge forecast; any other unknown field is refused, as
    // everywhere in the API
    @JsonIgnoreProperties({"clean_ex_first", "finetune_loss", "finetune_depth"})
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
            Integer finetuneSteps,
            @JsonProperty("finetuned_model_id") @Schema(description = "null or absent: tsforge keeps no TimeGPT "
                    + "fine-tuned models (name the tsforge model in model)") String finetunedModelId,
            @JsonProperty("feature_contributions") @Schema(description = "false or absent: tsforge computes no SHAP "
                    + "values") Boolean featureContributions,
            @Schema(description = "false or absent: each series is forecast on its own") Boolean multivariate,
            @JsonProperty("model_parameters") @Schema(description = "null, absent or empty: a tsforge model's "
                    + "parameters are fixed at training") Map<String, Object> modelParameters) {
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
            List<List<Double>> futureExogenous,
            @JsonProperty("start_datetime") @Schema(description = "Each series' first timestamp (ISO 8601, with an "
                    + "offset or, as pandas writes it, without one in the model's zone), as Nixtla's newest client "
                    + "sends it: one per series, on the model's grid. With it a model reading calendar or holiday "
                    + "inputs can forecast (their timestamps follow from it); other models forecast as without it",
                    example = "[\"2024-01-01\", \"2024-01-05\"]") List<String> startDatetime,
            @JsonProperty("categorical_exog") @Schema(description = "null, absent or empty: tsforge's covariate "
                    + "series are numeric, so no row of X can be categorical") List<Integer> categoricalExog) {
    }

    @Schema(description = "Forecasts in the request's order, h values per series; intervals by level, lo-80, hi-80, "
            + "...; null without levels; weights_x always null (Nixtla's client reads the field)")
    record TimeGptResponse(double[] mean, Map<String, Double[]> intervals,
            @JsonProperty("weights_x") @Schema(description = "Always null: a tsforge model has no linear weights of "
                    + "its exogenous variables") List<Double> weightsX) {
    }

    @PostMapping(value = "/v2/forecast", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "timeGptForecast", summary = "Forecast many series sent in TimeGPT's v2 shape with a "
            + "tsforge model",
            description = "Each series is forecast as POST /api/v1/forecasts forecasts values sent with a modelId (the "
                    + "same numbers, intervals and divergence guard), X and X_future as its covariateHistory and "
                    + "covariates; the answer concatenates them in the request's order (weights_x null). Of the fields "
                    + "Nixtla's client sends, clean_ex_first, finetune_loss and finetune_depth are accepted and change "
                    + "nothing; series.start_datetime gives the timestamps a calendar or holiday model reads; "
                    + "finetune_steps above 0, a finetuned_model_id, "
                    + "feature_contributions or multivariate true, model_parameters and series.categorical_exog ask "
                    + "for what tsforge does not do (422). Authenticate with Authorization: Bearer <tsforge API key>.")
    @ApiResponse(responseCode = "200", description = "mean and intervals, concatenated; weights_x null")
    @ApiResponse(responseCode = "400", description = "Missing series, freq or h; sizes that do not add up; X or "
            + "X_future with another number of rows than the model's covariate series, a row of the wrong length or "
            + "with a null (feature and, where known, seriesIndex name it); a series shorter than the model's "
            + "lookback (seriesIndex names it); a series.start_datetime with another count than sizes, or one that "
            + "does not parse or is off the model's grid (seriesIndex names it)")
    @ApiResponse(responseCode = "404", description = "No model with that id")
    @ApiResponse(responseCode = "422", description = "model is not a registered model's id, or is on another grid "
            + "than freq, or reads calendar or holiday inputs without series.start_datetime; freq is no supported "
            + "alias; X sent to a model without covariate series (model-not-usable); X, or X_future for a model "
            + "with known-future covariates, missing (missing-covariates); finetune_steps above 0, a "
            + "finetuned_model_id, feature_contributions or multivariate true, non-empty model_parameters or "
            + "series.categorical_exog (model-not-usable, field names it)")
    TimeGptResponse forecast(@RequestBody TimeGptRequest request) {
        if (request.series() == null) {
            throw ApiProblemException.invalidField("series", "give series with y and sizes");
        }
        refuseWhatTsforgeCannotDo(request);
        Frequency grid = grid(request.freq());
        SeriesInput series = request.series();
        ConcatenatedForecasts.Concatenated result = forecasts.forecast(modelId(request.model()), grid, request.freq(),
                series.y(), series.sizes(), series.startDatetime(), new ConcatenatedForecasts.Exogenous(
                        series.exogenous(), series.futureExogenous()), request.h(), request.level());
        // as TimeGPT: intervals only where levels were asked for
        return new TimeGptResponse(result.mean(), request.level() == null || result.intervals().isEmpty() ? null
                : result.intervals(), null);
    }

    /** Options of Nixtla's client that, set away from their defaults, ask for what no tsforge model does. */
    private static void refuseWhatTsforgeCannotDo(TimeGptRequest request) {
        if (request.finetuneSteps() != null && request.finetuneSteps() > 0) {
            throw notServed("finetune_steps", "tsforge does not fine-tune at forecast time: send finetune_steps 0, or "
                    + "train a model on the series (POST /api/v1/series/{id}/trainings)");
        }
        if (request.finetunedModelId() != null) {
            throw notServed("finetuned_model_id", "tsforge keeps no TimeGPT fine-tuned models: send "
                    + "finetuned_model_id null and name a tsforge model by its id in model");
        }
        if (Boolean.TRUE.equals(request.featureContributions())) {
            throw notServed("feature_contributions", "tsforge computes no feature contributions (SHAP values): send "
                    + "feature_contributions false");
        }
        if (Boolean.TRUE.equals(request.multivariate())) {
            throw notServed("multivariate", "tsforge forecasts each series on its own: send multivariate false");
        }
        if (request.modelParameters() != null && !request.modelParameters().isEmpty()) {
            throw notServed("model_parameters", "a tsforge model's parameters are fixed when it is trained: send no "
                    + "model_parameters");
        }
        List<Integer> categorical = request.series().categoricalExog();
        if (categorical != null && !categorical.isEmpty()) {
            throw notServed("series.categorical_exog", "tsforge's covariate series are numeric: send categorical "
                    + "variables as numeric rows of X (one-hot, for instance) and no categorical_exog");
        }
    }

    private static ApiProblemException notServed(String field, String detail) {
        return new ApiProblemException(ProblemType.MODEL_NOT_USABLE, detail, Map.of("field", field));
    }

    @Schema(description = "What Nixtla's client asks before it forecasts, under TimeGPT's name")
    record ModelParamsResponse(ModelParams detail) {
    }

    @Schema(description = "The values the model reads per series and the steps one of its passes gives")
    record ModelParams(@JsonProperty("input_size") @Schema(example = "48") int inputSize,
            @Schema(example = "24") int horizon) {
    }

    @GetMapping(value = "/model_params", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "timeGptModelParams", summary = "A model's input size and horizon, in TimeGPT's shape",
            description = "Nixtla's client asks this (model and freq as query parameters) before every forecast "
                    + "with a model and freq it has not asked about yet: input_size is how many of each series' "
                    + "latest values the model reads (the client sends only those, or 3 × input_size + "
                    + "max(horizon, h) with levels, when no exogenous variables are sent), horizon the steps of one "
                    + "pass. The same checks as POST /v2/forecast on model and freq, but for calendar or holiday "
                    + "inputs, which the forecast takes with series.start_datetime.")
    @ApiResponse(responseCode = "200", description = "input_size and horizon under detail")
    @ApiResponse(responseCode = "400", description = "No freq")
    @ApiResponse(responseCode = "404", description = "No model with that id")
    @ApiResponse(responseCode = "422", description = "model is not a registered model's id, or is on another grid "
            + "than freq; freq is no supported alias")
    ModelParamsResponse modelParams(@RequestParam(required = false) String model,
            @RequestParam(required = false) String freq) {
        Frequency grid = grid(freq);
        ConcatenatedForecasts.ModelParams params = forecasts.modelParams(modelId(model), grid, freq);
        return new ModelParamsResponse(new ModelParams(params.inputSize(), params.horizon()));
    }

    @Schema(description = "TimeGPT's answer to a key check")
    record KeyCheckResponse(@Schema(example = "API key is valid") String detail) {
    }

    @GetMapping(value = "/validate_api_key", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "timeGptValidateApiKey", summary = "Whether the key may forecast, in TimeGPT's shape",
            description = "Nixtla's client asks this in validate_api_key() and before a forecast called with "
                    + "validate_api_key=True; it reads the status (200: valid) and prints detail. With security on, "
                    + "a key of role READ or above gets 200 and a missing or unknown key 401; with security off, "
                    + "every caller gets 200.")
    @ApiResponse(responseCode = "200", description = "The key may forecast")
    @ApiResponse(responseCode = "401", description = "No key, or not a key of this service")
    KeyCheckResponse validateApiKey() {
        return new KeyCheckResponse("API key is valid");
    }

    private static Frequency grid(String freq) {
        if (freq == null) {
            throw ApiProblemException.invalidField("freq", "give the values' frequency as a pandas alias");
        }
        try {
            return PandasFrequency.parse(freq);
        } catch (IllegalArgumentException e) {
            throw new ApiProblemException(ProblemType.UNSUPPORTED_FREQUENCY, e.getMessage(), Map.of("freq", freq));
        }
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
