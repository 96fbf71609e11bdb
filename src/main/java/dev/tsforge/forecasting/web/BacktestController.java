package dev.tsforge.forecasting.web;

import dev.tsforge.forecasting.Backtest;
import dev.tsforge.forecasting.BacktestService;
import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.series.SeriesService;
import dev.tsforge.web.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/backtests")
@Tag(name = "Backtests", description = "Rolling-origin evaluation of a trained model against the baselines")
class BacktestController {

    private static final int DEFAULT_FOLDS = 5;

    private final BacktestService backtests;
    private final ModelRegistry registry;
    private final SeriesService series;

    BacktestController(BacktestService backtests, ModelRegistry registry, SeriesService series) {
        this.backtests = backtests;
        this.registry = registry;
        this.series = series;
    }

    @Schema(description = "A backtest of a model (or of a series' champion); omitted fields take defaults")
    record BacktestRequest(
            @Schema(description = "Model to test") Long modelId,
            @Schema(description = "Or: the series whose champion to test") Long seriesId,
            @Schema(description = "Origins, the last ones of the series", defaultValue = "5") Integer folds,
            @Schema(description = "Steps forecast at each origin", defaultValue = "the model's horizon") Integer horizon,
            @Schema(description = "Steps between origins", defaultValue = "the horizon") Integer step,
            @Schema(description = "Interval levels whose coverage to measure", defaultValue = "[80, 95]")
            List<Double> levels) {
    }

    @PostMapping
    @Operation(summary = "Backtest a trained model on its series' most recent data",
            description = "At each of the last `folds` origins (`step` apart) the model forecasts `horizon` points "
                    + "from the history before the origin, without refitting; MAE, RMSE, sMAPE, MASE per fold and on "
                    + "average, beside naive and seasonal naive from the same history, and the coverage of the "
                    + "prediction intervals. Folds inside the model's training data are flagged seenInTraining.")
    @ApiResponse(responseCode = "200", description = "Per-fold and aggregate metrics")
    @ApiResponse(responseCode = "400", description = "Invalid settings, or not exactly one of modelId and seriesId")
    @ApiResponse(responseCode = "404", description = "Unknown model or series")
    @ApiResponse(responseCode = "409", description = "The series has no champion")
    @ApiResponse(responseCode = "422", description = "Too little consecutive recent history for the folds")
    Backtest run(@RequestBody BacktestRequest request) {
        if ((request.modelId() == null) == (request.seriesId() == null)) {
            throw ApiProblemException.invalidField("modelId", "give exactly one of modelId and seriesId");
        }
        long modelId = request.modelId() != null ? request.modelId()
                : registry.requireChampion(series.get(request.seriesId()).id()).id();
        return backtests.run(modelId, request.folds() == null ? DEFAULT_FOLDS : request.folds(), request.horizon(),
                request.step(), request.levels());
    }
}
