package dev.tsforge.backtest.web;

import dev.tsforge.backtest.PanelBacktestJob;
import dev.tsforge.backtest.PanelBacktestService;
import dev.tsforge.backtest.PanelBacktestSettings;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.training.GlobalTrainingService;
import dev.tsforge.training.web.TrainingRequest;
import dev.tsforge.web.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Backtests", description = "Rolling-origin evaluation of a model, or of a spec refitted at every fold,"
        + " against the baselines")
class PanelBacktestController {

    private final PanelBacktestService backtests;

    PanelBacktestController(PanelBacktestService backtests) {
        this.backtests = backtests;
    }

    @PostMapping("/api/v1/collections/{name}/backtests")
    @Operation(summary = "Backtest one global network against local models of every member (a background job)",
            description = "At each of the last `folds` origins (`horizon` apart, each member cut at the same distance "
                    + "from its own end) one network is fitted on every selected member's history before the origin "
                    + "(GLOBAL) and, with `localNetworks`, the same spec on each member alone (LOCAL); the "
                    + "statistical references and Naive2 refit on the same histories, and AUTO, where asked, searches "
                    + "each member alone within `autoBudgetSeconds`. Every method forecasts each "
                    + "member's next `horizon` values, scored with sMAPE and MASE (M4's definitions). The result "
                    + "has a row per member (the mean over folds, and OWA against Naive2 on that member) and per "
                    + "method the mean sMAPE and MASE over the members every method scored, OWA of those means "
                    + "against Naive2's (M4's way), and on how many members GLOBAL had the lower MASE. Members too "
                    + "short for the folds, or without a covariate's value at one of their points, are listed in "
                    + "`skipped`, members on which a fit failed in `failed`; neither fails the job. The spec may read "
                    + "what a training of the collection reads (calendar, holidays, covariate series, labels); "
                    + "covariate series are read with perfect future knowledge (the stored actual values after each "
                    + "origin), labels by GLOBAL only. Runs on the training queue: 202 and the job's Location.")
    @ApiResponse(responseCode = "202", description = "The job, queued",
            content = @Content(schema = @Schema(implementation = PanelBacktestJobView.class)))
    @ApiResponse(responseCode = "400", description = "A setting or spec field out of range, a malformed label, MASK, "
            + "warmStartFrom, an unknown reference, covariates or labels a training of the collection refuses (an "
            + "unknown name, two kinds, past-only with RECURSIVE, a label key no member carries), or more members "
            + "than one backtest takes")
    @ApiResponse(responseCode = "404", description = "Unknown collection")
    @ApiResponse(responseCode = "422", description = "No member selected, or none long enough for the folds")
    @ApiResponse(responseCode = "503", description = "The training queue is full (Retry-After)")
    ResponseEntity<PanelBacktestJobView> start(@PathVariable String name,
            @Parameter(description = "Only members carrying this label, key:value; repeat for several (all must "
                    + "match)", example = "store:12") @RequestParam(name = "label", required = false)
            List<String> labels,
            @Valid @RequestBody(required = false) PanelBacktestRequest request) {
        PanelBacktestRequest body = request == null ? new PanelBacktestRequest(null, null, null, null, null, null) : request;
        TrainingRequest specRequest = body.spec() == null ? TrainingRequest.DEFAULTS : body.spec();
        if (specRequest.warmStartFrom() != null) {
            throw ApiProblemException.invalidField("spec.warmStartFrom", "a panel backtest fits from scratch");
        }
        NetworkSpec spec = specRequest.toSpec();
        if (specRequest.normalization() == null) {
            spec = spec.withNormalization(GlobalTrainingService.DEFAULT_NORMALIZATION);
        }
        PanelBacktestSettings settings = backtests.settings(body.folds(), body.horizon(), body.localNetworks(),
                body.references(), body.autoBudgetSeconds(), spec.horizon());
        PanelBacktestJob job = backtests.submit(name, labels == null ? List.of() : labels, spec, settings);
        return ResponseEntity.accepted().location(URI.create("/api/v1/panel-backtest-jobs/" + job.id()))
                .body(PanelBacktestJobView.of(job));
    }

    @GetMapping("/api/v1/panel-backtest-jobs/{id}")
    @Operation(summary = "A panel backtest job: status, network fits done, and the result once SUCCEEDED")
    @ApiResponse(responseCode = "200", description = "The job")
    @ApiResponse(responseCode = "404", description = "No such panel backtest job")
    PanelBacktestJobView job(@PathVariable long id) {
        return PanelBacktestJobView.of(backtests.job(id));
    }

    @PostMapping("/api/v1/panel-backtest-jobs/{id}/cancel")
    @Operation(summary = "Cancel a panel backtest job: at once when queued, at the end of the current epoch or "
            + "member when running")
    @ApiResponse(responseCode = "200", description = "The job, CANCELLED or with cancelRequested")
    @ApiResponse(responseCode = "404", description = "No such panel backtest job")
    @ApiResponse(responseCode = "409", description = "The job has already finished")
    PanelBacktestJobView cancel(@PathVariable long id) {
        return PanelBacktestJobView.of(backtests.cancel(id));
    }
}
