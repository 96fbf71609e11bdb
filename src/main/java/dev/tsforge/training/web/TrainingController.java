package dev.tsforge.training.web;

import dev.tsforge.training.TrainingJob;
import dev.tsforge.training.TrainingService;
import io.swagger.v3.oas.annotations.Operation;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Training", description = "Train a SimpleRnn or LSTM network on a series, in the background")
class TrainingController {

    private final TrainingService training;

    TrainingController(TrainingService training) {
        this.training = training;
    }

    @PostMapping("/series/{id}/trainings")
    @Operation(summary = "Start training a network on the series",
            description = "Returns at once with 202 and the job; poll its Location until SUCCEEDED or FAILED. "
                    + "An empty body {} trains with every default.")
    @ApiResponse(responseCode = "202", description = "Queued; Location points to the job")
    @ApiResponse(responseCode = "400", description = "A spec field is out of range (the field is named)")
    @ApiResponse(responseCode = "404", description = "Unknown series")
    @ApiResponse(responseCode = "422", description = "Too few points for the lookback")
    @ApiResponse(responseCode = "503", description = "The training queue is full; see Retry-After")
    ResponseEntity<TrainingJobResponse> start(@PathVariable long id, @Valid @RequestBody(required = false) TrainingRequest request) {
        TrainingRequest spec = request == null ? TrainingRequest.DEFAULTS : request;
        TrainingJob job = training.submit(id, spec.toSpec());
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/training-jobs/{id}").build(job.id());
        return ResponseEntity.accepted().location(location).body(TrainingJobResponse.of(job));
    }

    @GetMapping("/training-jobs/{id}")
    @Operation(summary = "Get a training job: status, epoch reached, last loss, error, model produced")
    @ApiResponse(responseCode = "404", description = "Unknown job")
    TrainingJobResponse get(@PathVariable long id) {
        return TrainingJobResponse.of(training.get(id));
    }

    @GetMapping("/series/{id}/trainings")
    @Operation(summary = "List the training jobs of a series, newest first")
    @ApiResponse(responseCode = "404", description = "Unknown series")
    List<TrainingJobResponse> ofSeries(@PathVariable long id) {
        return training.ofSeries(id).stream().map(TrainingJobResponse::of).toList();
    }
}
