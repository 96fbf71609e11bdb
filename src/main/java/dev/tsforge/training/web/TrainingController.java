package dev.tsforge.training.web;

import dev.tsforge.model.ModelSpec;
import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.training.EpochLoss;
import dev.tsforge.training.GlobalTrainingService;
import dev.tsforge.training.JobStatus;
import dev.tsforge.training.RunPlan;
import dev.tsforge.training.TrainingJob;
import dev.tsforge.training.TrainingService;
import dev.tsforge.web.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Training", description = "Train SimpleRnn or LSTM networks on a series, in the background")
class TrainingController {

    private final TrainingService training;
    private final GlobalTrainingService global;
    private final ModelRegistry registry;
    private final Clock clock;

    TrainingController(TrainingService training, GlobalTrainingService global, ModelRegistry registry, Clock clock) {
        this.training = training;
        this.global = global;
        this.registry = registry;
        this.clock = clock;
    }

    @PostMapping("/series/{id}/trainings")
    @Operation(summary = "Start training a network on the series",
            description = "Returns at once with 202 and the job; poll its Location until SUCCEEDED, FAILED or "
                    + "CANCELLED. The last `horizon` points are held out and the model is measured on them against "
                    + "naive and seasonal naive; it becomes the series' champion only if it beats seasonal naive "
                    + "and the current champion there. An empty body {} trains with every default.")
    @ApiResponse(responseCode = "202", description = "Queued; Location points to the job")
    @ApiResponse(responseCode = "400", description = "A spec field is out of range (the field is named)")
    @ApiResponse(responseCode = "404", description = "Unknown series, or unknown warmStartFrom model")
    @ApiResponse(responseCode = "422", description = "Too few points for the holdout, lookback and windows")
    @ApiResponse(responseCode = "503", description = "The training queue is full; see Retry-After")
    ResponseEntity<TrainingJobResponse> start(@PathVariable long id,
            @Valid @RequestBody(required = false) TrainingRequest request) {
        TrainingRequest spec = request == null ? TrainingRequest.DEFAULTS : request;
        return accepted(spec.warmStartFrom() == null
                ? training.submit(id, spec.toSpec())
                : training.submit(id, spec.toSpec(parentSpec(id, spec.warmStartFrom())), spec.warmStartFrom()));
    }

    @PostMapping("/series/{id}/auto-trainings")
    @Operation(summary = "AUTO: choose among statistical methods, their combinations and networks within a time budget",
            description = "Scores naive, seasonal naive, exponential smoothing (ETS, its form chosen by AICc), the "
                    + "Theta method, the median of the best three and the mean of the best two of them, then LSTM and "
                    + "SimpleRnn cells of 16 and 32 units with a lookback of one and two seasons, all on the same "
                    + "rolling validation origins inside the training part (ten on a long series, five, or three on a short one), by "
                    + "mean MASE. A candidate whose forecast leaves the plausible range at any origin is disqualified, "
                    + "and a network must beat seasonal naive to be served. The best is refitted on the whole training "
                    + "part and registered, whatever its kind; the best statistical candidate is stored as its "
                    + "fallback, served when a forecast of the model diverges. The whole job, evaluation and "
                    + "calibration included, keeps to the budget. The job's outcome lists every candidate's score.")
    @ApiResponse(responseCode = "202", description = "Queued; Location points to the job")
    @ApiResponse(responseCode = "400", description = "A field is out of range")
    @ApiResponse(responseCode = "404", description = "Unknown series")
    @ApiResponse(responseCode = "422", description = "Too few points")
    ResponseEntity<TrainingJobResponse> auto(@PathVariable long id,
            @Valid @RequestBody(required = false) AutoTrainingRequest request) {
        RunPlan.Auto auto = (request == null ? AutoTrainingRequest.DEFAULTS : request).toPlan();
        return accepted(training.submitAuto(id, auto.horizon(), auto.seed(), auto.gapPolicy(), auto.budgetSeconds()));
    }

    /** 202 with the job and its Location. */
    private ResponseEntity<TrainingJobResponse> accepted(TrainingJob job) {
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/training-jobs/{id}").build(job.id());
        return ResponseEntity.accepted().location(location).body(TrainingJobResponse.of(job, clock.instant()));
    }

    private ModelSpec parentSpec(long seriesId, long parentId) {
        ModelVersion parent = registry.version(parentId);
        if (parent.seriesId() != seriesId) {
            String message = "model " + parentId + " belongs to series " + parent.seriesId()
                    + "; a warm start continues a model of the same series";
            throw ApiProblemException.invalidField("warmStartFrom", message);
        }
        return parent.spec();
    }

    @GetMapping("/training-jobs/{id}")
    @Operation(summary = "Get a training job: status, epoch, losses, time elapsed and left, outcome, model")
    @ApiResponse(responseCode = "200", description = "The job")
    @ApiResponse(responseCode = "404", description = "Unknown job")
    TrainingJobResponse get(@PathVariable long id) {
        return view(training.get(id));
    }

    private TrainingJobResponse view(TrainingJob job) {
        return TrainingJobResponse.of(job, clock.instant(),
                job.global() ? global.collectionName(job.collectionId()) : null);
    }

    @GetMapping("/training-jobs/{id}/losses")
    @Operation(summary = "The loss curve: training and validation loss per epoch, with elapsed time")
    @ApiResponse(responseCode = "200", description = "One point per finished epoch")
    @ApiResponse(responseCode = "404", description = "Unknown job")
    List<EpochLoss> losses(@PathVariable long id) {
        return training.losses(id);
    }

    @PostMapping("/training-jobs/{id}/cancel")
    @Operation(summary = "Cancel a job",
            description = "A queued job is CANCELLED at once (200); a running one stops at the end of its current "
                    + "epoch (202, cancelRequested true).")
    @ApiResponse(responseCode = "200", description = "Cancelled")
    @ApiResponse(responseCode = "202", description = "Cancel requested; the job stops within an epoch")
    @ApiResponse(responseCode = "404", description = "Unknown job")
    @ApiResponse(responseCode = "409", description = "The job already finished")
    ResponseEntity<TrainingJobResponse> cancel(@PathVariable long id) {
        TrainingJob job = training.cancel(id);
        TrainingJobResponse body = view(job);
        // a job that never started was cancelled at once; a running one may have stopped since the request (202
        // still tells the truth: the cancel was a request to a running job)
        boolean cancelledAtOnce = job.status() == JobStatus.CANCELLED && job.startedAt() == null;
        return cancelledAtOnce ? ResponseEntity.ok(body) : ResponseEntity.accepted().body(body);
    }

    @GetMapping("/series/{id}/trainings")
    @Operation(summary = "List the training jobs of a series, newest first")
    @ApiResponse(responseCode = "200", description = "The jobs")
    @ApiResponse(responseCode = "404", description = "Unknown series")
    List<TrainingJobResponse> ofSeries(@PathVariable long id) {
        return training.ofSeries(id).stream().map(job -> TrainingJobResponse.of(job, clock.instant())).toList();
    }
}
