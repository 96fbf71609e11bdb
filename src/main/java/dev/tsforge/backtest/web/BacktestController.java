package dev.tsforge.backtest.web;

import dev.tsforge.backtest.BacktestJob;
import dev.tsforge.backtest.BacktestJobService;
import dev.tsforge.backtest.BacktestService;
import dev.tsforge.backtest.BacktestSettings;
import dev.tsforge.evaluation.Backtest;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.series.SeriesService;
import dev.tsforge.training.web.TrainingRequest;
import dev.tsforge.web.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Backtests", description = "Rolling-origin evaluation of a model, or of a spec refitted at every fold,"
        + " against the baselines")
class BacktestController {

    private static final int DEFAULT_FOLDS = 5;

    private final BacktestService backtests;
    private final BacktestJobService jobs;
    private final ModelRegistry registry;
    private final SeriesService series;

    BacktestController(BacktestService backtests, BacktestJobService jobs, ModelRegistry registry,
            SeriesService series) {
        this.backtests = backtests;
        this.jobs = jobs;
        this.registry = registry;
        this.series = series;
    }

    @Schema(description = "A backtest of a model, of a series' champion, or (refit) of a spec; omitted fields take "
            + "defaults")
    record BacktestRequest(
            @Schema(description = "Model to test (refit: whose spec to train at every fold)") Long modelId,
            @Schema(description = "Or: the series whose champion to test, or (refit) on which to test `spec`")
            Long seriesId,
            @Schema(description = "Train a new network on the history before each origin (a background job: 202)",
                    defaultValue = "false") Boolean refit,
            @Schema(description = "Refit only, with seriesId: the training spec to evaluate (default: the champion's)")
            @Valid TrainingRequest spec,
            @Schema(description = "Origins, the last ones of the series (at most 100; refit: 20)", defaultValue = "5")
            Integer folds,
            @Schema(description = "Steps forecast at each origin", defaultValue = "the spec's horizon") Integer horizon,
            @Schema(description = "Steps between origins", defaultValue = "the horizon") Integer step,
            @Schema(description = "Interval levels whose coverage to measure", defaultValue = "[80, 95]")
            List<Double> levels) {
    }

    @PostMapping("/api/v1/backtests")
    @Operation(summary = "Backtest a trained model, or a spec refitted at every fold, on the most recent data",
            description = "At each of the last `folds` origins (`step` apart) a model forecasts `horizon` points from "
                    + "the history before the origin; MAE, RMSE, sMAPE, MASE per fold and on average, beside naive and "
                    + "seasonal naive from the same history, and the coverage of the prediction intervals. Without "
                    + "`refit` the trained model is used as it is (folds inside its training data are flagged "
                    + "seenInTraining) and the answer comes at once (200). With `refit: true` a new network is "
                    + "trained with the spec on the history before each origin only, as a job on the training queue: "
                    + "202 and the job's Location; its `result` appears when it has SUCCEEDED.")
    @ApiResponse(responseCode = "200", description = "Per-fold and aggregate metrics",
            content = @Content(schema = @Schema(implementation = Backtest.class)))
    @ApiResponse(responseCode = "202", description = "Refit: the backtest job, queued",
            content = @Content(schema = @Schema(implementation = BacktestJobView.class)))
    @ApiResponse(responseCode = "400", description = "Invalid settings, or not exactly one of modelId and seriesId")
    @ApiResponse(responseCode = "404", description = "Unknown model or series")
    @ApiResponse(responseCode = "409", description = "The series has no champion")
    @ApiResponse(responseCode = "422", description = "Too little consecutive recent history for the folds")
    @ApiResponse(responseCode = "503", description = "Refit: the training queue is full (Retry-After)")
    ResponseEntity<?> run(@Valid @RequestBody BacktestRequest request) {
        if ((request.modelId() == null) == (request.seriesId() == null)) {
            throw ApiProblemException.invalidField("modelId", "give exactly one of modelId and seriesId");
        }
        int folds = request.folds() == null ? DEFAULT_FOLDS : request.folds();
        if (!Boolean.TRUE.equals(request.refit())) {
            if (request.spec() != null) {
                throw ApiProblemException.invalidField("spec", "a spec is tested by refitting it: add \"refit\": true");
            }
            long modelId = request.modelId() != null ? request.modelId()
                    : registry.requireChampion(series.get(request.seriesId()).id()).id();
            return ResponseEntity.ok(backtests.run(modelId, folds, request.horizon(), request.step(),
                    request.levels()));
        }
        if (request.spec() != null && request.modelId() != null) {
            throw ApiProblemException.invalidField("spec", "give a spec with seriesId, or a modelId whose spec to refit");
        }
        ModelVersion model = request.modelId() != null ? registry.version(request.modelId())
                : request.spec() == null ? registry.requireChampion(series.get(request.seriesId()).id()) : null;
        ModelSpec spec = model != null ? model.spec() : request.spec().toSpec();
        long seriesId = model != null ? model.seriesId() : request.seriesId();
        BacktestSettings settings = backtests.settings(folds, BacktestService.MAX_REFIT_FOLDS, request.horizon(),
                request.step(), request.levels(), spec.horizon(), model == null ? null : model.id());
        BacktestJob job = jobs.submit(seriesId, spec, settings);
        return ResponseEntity.accepted().location(URI.create("/api/v1/backtest-jobs/" + job.id()))
                .body(BacktestJobView.of(job));
    }

    @GetMapping("/api/v1/backtest-jobs/{id}")
    @Operation(summary = "A refitting backtest job: status, folds done, and the backtest once SUCCEEDED")
    @ApiResponse(responseCode = "200", description = "The job")
    @ApiResponse(responseCode = "404", description = "No such backtest job")
    BacktestJobView job(@PathVariable long id) {
        return BacktestJobView.of(jobs.job(id));
    }

    @PostMapping("/api/v1/backtest-jobs/{id}/cancel")
    @Operation(summary = "Cancel a backtest job: at once when queued, at the end of the current epoch when running")
    @ApiResponse(responseCode = "200", description = "The job, CANCELLED or with cancelRequested")
    @ApiResponse(responseCode = "404", description = "No such backtest job")
    @ApiResponse(responseCode = "409", description = "The job has already finished")
    BacktestJobView cancel(@PathVariable long id) {
        return BacktestJobView.of(jobs.cancel(id));
    }
}
