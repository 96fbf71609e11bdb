package dev.tsforge.training.web;

import dev.tsforge.evaluation.HoldoutEvaluation;
import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.training.CollectionRun;
import dev.tsforge.training.CollectionRunService;
import dev.tsforge.web.ApiProblemException;
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
@Tag(name = "Collection runs", description = "Train or AUTO-search every member of a collection as one request")
class CollectionRunController {

    private final CollectionRunService runs;
    private final ModelRegistry registry;

    CollectionRunController(CollectionRunService runs, ModelRegistry registry) {
        this.runs = runs;
        this.registry = registry;
    }

    @PostMapping("/collections/{name}/runs")
    @Operation(operationId = "startCollectionRun",
            summary = "Train (TRAIN) or AUTO-search (AUTO) every selected member of the collection",
            description = "Returns at once with 202 and the run; poll its Location until COMPLETED or CANCELLED. "
                    + "Each selected member gets a child: an ordinary training job (GET /training-jobs/{id}), run "
                    + "by whichever replica takes it. The run counts as one request against the training queue's "
                    + "capacity; its children are bounded by tsforge.training.children-in-flight instead. A member "
                    + "too short for the spec (or with gaps under REJECT) fails its own child at once, with the "
                    + "reason; the run still completes.")
    @ApiResponse(responseCode = "202", description = "Started; Location points to the run")
    @ApiResponse(responseCode = "400", description = "A field is out of range or does not belong to the mode, or a "
            + "label is not written key:value")
    @ApiResponse(responseCode = "404", description = "Unknown collection")
    @ApiResponse(responseCode = "422", description = "The selection holds no member (empty-selection)")
    @ApiResponse(responseCode = "503", description = "The training queue is full; see Retry-After")
    ResponseEntity<CollectionRunResponse> start(@PathVariable String name,
            @Valid @RequestBody CollectionRunRequest request) {
        CollectionRun run = runs.start(name, request.label(), request.toPlan());
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/collection-runs/{id}").build(run.id());
        return ResponseEntity.accepted().location(location).body(withMembers(run));
    }

    @GetMapping("/collection-runs/{id}")
    @Operation(operationId = "getCollectionRun",
            summary = "Get a collection run: status, children's counts and the summary table",
            description = "The table has one line per member: its child job, status, the model registered, that "
                    + "model's holdout MASE beside seasonal naive's, whether it became the champion, and why a "
                    + "child failed.")
    @ApiResponse(responseCode = "200", description = "The run")
    @ApiResponse(responseCode = "404", description = "Unknown run")
    CollectionRunResponse get(@PathVariable long id) {
        return withMembers(runs.get(id));
    }

    @GetMapping("/collections/{name}/runs")
    @Operation(operationId = "listCollectionRuns",
            summary = "List the collection's runs, newest first, with their counts (no summary tables)")
    @ApiResponse(responseCode = "200", description = "The runs")
    @ApiResponse(responseCode = "404", description = "Unknown collection")
    List<CollectionRunResponse> ofCollection(@PathVariable String name) {
        return runs.ofCollection(name).stream()
                .map(run -> CollectionRunResponse.of(run, name, runs.progress(run.id()), null))
                .toList();
    }

    @PostMapping("/collection-runs/{id}/cancel")
    @Operation(operationId = "cancelCollectionRun",
            summary = "Cancel a collection run",
            description = "Queued children are CANCELLED at once; running ones stop at the end of their epoch. 200 "
                    + "when the run is CANCELLED at once, 202 while running children are still stopping.")
    @ApiResponse(responseCode = "200", description = "Cancelled")
    @ApiResponse(responseCode = "202", description = "Cancel requested; running children stop within an epoch")
    @ApiResponse(responseCode = "404", description = "Unknown run")
    @ApiResponse(responseCode = "409", description = "The run already finished")
    ResponseEntity<CollectionRunResponse> cancel(@PathVariable long id) {
        CollectionRun run = runs.cancel(id);
        CollectionRunResponse body = withMembers(run);
        return run.status() == CollectionRun.Status.CANCELLED ? ResponseEntity.ok(body)
                : ResponseEntity.accepted().body(body);
    }

    private CollectionRunResponse withMembers(CollectionRun run) {
        List<CollectionRunResponse.CollectionRunMember> lines = runs.members(run.id()).stream().map(member -> {
            HoldoutEvaluation holdout = member.modelId() == null ? null : evaluation(member.modelId());
            return new CollectionRunResponse.CollectionRunMember(member.uniqueId(), member.seriesId(), member.jobId(),
                    member.status(), member.modelId(), holdout == null ? null : holdout.model().mase(),
                    holdout == null ? null : holdout.seasonalNaive().mase(), member.promoted(),
                    member.errorMessage());
        }).toList();
        return CollectionRunResponse.of(run, runs.collectionName(run), runs.progress(run.id()), lines);
    }

    /** The model's holdout scores; null when the model has been deleted since its child registered it. */
    private HoldoutEvaluation evaluation(long modelId) {
        try {
            return registry.version(modelId).evaluation();
        } catch (ApiProblemException deleted) {
            return null;
        }
    }
}
