package dev.tsforge.training.web;

import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.training.GlobalTrainingService;
import dev.tsforge.training.TrainingJob;
import dev.tsforge.web.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Trains one network across a collection's members (a global model). The path mirrors a series' trainings
 * ({@code /series/{id}/trainings}); the members are chosen with {@code label=key:value} as in
 * {@code GET /series?collection=&label=}, and the body is a series' training spec.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Training", description = "Train SimpleRnn or LSTM networks on a series, in the background")
class GlobalTrainingController {

    /**
     * A global model's default scaling: each window relative to its last value and divided by its own spread, so
     * that members of any level and scale look alike to the one network (README, "Many series").
     */
    static final Normalization DEFAULT_NORMALIZATION = Normalization.WINDOW;

    private final GlobalTrainingService training;
    private final Clock clock;

    GlobalTrainingController(GlobalTrainingService training, Clock clock) {
        this.training = training;
        this.clock = clock;
    }

    @PostMapping("/collections/{name}/trainings")
    @Operation(summary = "Train one network across the collection's members (a global model)",
            description = "Returns at once with 202 and the job, which runs like a series' training (poll "
                    + "/training-jobs/{id}; cancel; losses). Each member's last `horizon` points are held out; the "
                    + "network learns from windows of every member's training part, each window scaled on its own "
                    + "(normalization WINDOW unless the body names another). The model is then measured on every "
                    + "member's holdout against naive, seasonal naive and Naive2, and becomes the champion of each "
                    + "member where it beats seasonal naive and that member's champion (GET /models/{id}/members).")
    @ApiResponse(responseCode = "202", description = "Queued; Location points to the job")
    @ApiResponse(responseCode = "400", description = "A spec field is out of range, a malformed label, MASK, or "
            + "warmStartFrom")
    @ApiResponse(responseCode = "404", description = "Unknown collection")
    @ApiResponse(responseCode = "422", description = "No member selected, or none long enough")
    @ApiResponse(responseCode = "503", description = "The training queue is full; see Retry-After")
    ResponseEntity<TrainingJobResponse> start(@PathVariable String name,
            @Parameter(description = "Only members carrying this label, key:value; repeat for several (all must "
                    + "match)", example = "store:12") @RequestParam(name = "label", required = false)
            List<String> labels,
            @Valid @RequestBody(required = false) TrainingRequest request) {
        TrainingRequest body = request == null ? TrainingRequest.DEFAULTS : request;
        if (body.warmStartFrom() != null) {
            throw ApiProblemException.invalidField("warmStartFrom", "a global model starts from scratch");
        }
        NetworkSpec spec = body.toSpec();
        if (body.normalization() == null) {
            spec = spec.withNormalization(DEFAULT_NORMALIZATION);
        }
        TrainingJob job = training.submit(name, labels == null ? List.of() : labels, spec);
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/training-jobs/{id}").build(job.id());
        return ResponseEntity.accepted().location(location).body(TrainingJobResponse.of(job, clock.instant(), name));
    }

    @GetMapping("/collections/{name}/trainings")
    @Operation(summary = "List the collection's global trainings, newest first")
    @ApiResponse(responseCode = "200", description = "The jobs")
    @ApiResponse(responseCode = "404", description = "Unknown collection")
    List<TrainingJobResponse> ofCollection(@PathVariable String name) {
        return training.ofCollection(name).stream()
                .map(job -> TrainingJobResponse.of(job, clock.instant(), name)).toList();
    }
}
