package dev.tsforge.retraining.web;

import dev.tsforge.retraining.Firing;
import dev.tsforge.retraining.RetrainingPolicies;
import dev.tsforge.retraining.RetrainingPolicy;
import dev.tsforge.retraining.RetrainingStart;
import dev.tsforge.retraining.RetrainingTrigger;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Retraining policies", description = "Retrain a series' champion on a schedule, after new points or "
        + "when the ledger flags drift; the new model meets the same gate and champion decision as any training")
class RetrainingController {

    private final RetrainingPolicies policies;

    RetrainingController(RetrainingPolicies policies) {
        this.policies = policies;
    }

    @Schema(description = "A retraining policy")
    record RetrainingRequest(
            @Schema(description = "SCHEDULE (cron), AFTER_POINTS (after `points` new points) or ON_DRIFT (when the "
                    + "ledger flags the champion as drifting; the series' forecasts must be recorded)",
                    example = "ON_DRIFT") RetrainingTrigger trigger,
            @Schema(description = "SCHEDULE only: a cron expression, UTC; Spring's six fields (second first) or the "
                    + "usual five", example = "0 0 3 * * *") String cron,
            @Schema(description = "AFTER_POINTS only: new points after which it fires (at least 1)", example = "24")
            Integer points,
            @Schema(description = "WARM (a network continues from the champion's weights) or FRESH (the champion's "
                    + "spec, new weights); a statistical champion is refitted either way", defaultValue = "WARM")
            RetrainingStart start) {
    }

    @Schema(description = "What one trigger did for one series")
    record FiringView(long seriesId, @Schema(example = "ON_DRIFT") RetrainingTrigger trigger,
            @Schema(description = "The cron tick of a SCHEDULE firing") Instant tick,
            @Schema(description = "Why it fired", example = "24 new points (the policy fires after 24)") String reason,
            @Schema(description = "STARTED or SKIPPED", example = "STARTED") Firing.Outcome outcome,
            @Schema(description = "The training job it started (GET /training-jobs/{id})") Long jobId,
            @Schema(description = "Why it was skipped", example = "the previous retraining, job 12, is still RUNNING")
            String detail,
            Instant firedAt) {

        static FiringView of(Firing f) {
            return new FiringView(f.seriesId(), f.trigger(), f.tick(), f.reason(), f.outcome(), f.jobId(), f.detail(),
                    f.firedAt());
        }
    }

    @Schema(description = "A retraining policy of a series or collection, with what its triggers did")
    record RetrainingView(
            @Schema(description = "SERIES or COLLECTION: whose policy this is (a series without one of its own "
                    + "follows its collection's)", example = "SERIES") String scope,
            Long seriesId, Long collectionId,
            @Schema(example = "ON_DRIFT") RetrainingTrigger trigger,
            @Schema(example = "0 0 3 * * *") String cron,
            @Schema(example = "24") Integer points,
            @Schema(example = "WARM") RetrainingStart start,
            @Schema(description = "The cron tick last fired") Instant lastTick,
            Instant updatedAt,
            @Schema(description = "The newest firing (for a series: for this series), or null") FiringView lastFiring,
            @Schema(description = "The newest firings, newest first (at most 20)") List<FiringView> firings) {

        static RetrainingView of(RetrainingPolicies.Applied applied) {
            RetrainingPolicy p = applied.policy();
            List<FiringView> firings = applied.firings().stream().map(FiringView::of).toList();
            return new RetrainingView(p.seriesId() != null ? "SERIES" : "COLLECTION", p.seriesId(), p.collectionId(),
                    p.trigger(), p.cron(), p.points(), p.start(), p.lastTick(), p.updatedAt(),
                    firings.isEmpty() ? null : firings.get(0), firings);
        }
    }

    private static RetrainingPolicies.Setting setting(RetrainingRequest request) {
        return request == null ? null
                : new RetrainingPolicies.Setting(request.trigger(), request.cron(), request.points(), request.start());
    }

    @PutMapping("/series/{id}/retraining-policy")
    @Operation(summary = "Set the retraining policy of a series",
            description = "Replaces the series' own policy (its firings start afresh); it wins over its collection's.")
    @ApiResponse(responseCode = "200", description = "The policy that now applies")
    @ApiResponse(responseCode = "400", description = "Unknown trigger or start, a bad cron, points below 1, or a "
            + "field the trigger does not take (the field is named)")
    @ApiResponse(responseCode = "404", description = "Unknown series")
    RetrainingView setSeries(@PathVariable long id, @RequestBody(required = false) RetrainingRequest request) {
        return RetrainingView.of(policies.setSeries(id, setting(request)));
    }

    @GetMapping("/series/{id}/retraining-policy")
    @Operation(summary = "The retraining policy that applies to a series (its own, else its collection's), when it "
            + "last fired for the series, why, and the job it started")
    @ApiResponse(responseCode = "200", description = "The policy and its firings for the series")
    @ApiResponse(responseCode = "404", description = "Unknown series, or no policy applies")
    RetrainingView getSeries(@PathVariable long id) {
        return RetrainingView.of(policies.effective(id));
    }

    @DeleteMapping("/series/{id}/retraining-policy")
    @Operation(summary = "Remove the series' own retraining policy (its collection's applies again)")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "404", description = "Unknown series, or it has no policy of its own")
    ResponseEntity<Void> deleteSeries(@PathVariable long id) {
        policies.deleteSeries(id);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/collections/{name}/retraining-policy")
    @Operation(summary = "Set the retraining policy of a collection",
            description = "Applies to every member without a policy of its own; each member is retrained on its own.")
    @ApiResponse(responseCode = "200", description = "The collection's policy")
    @ApiResponse(responseCode = "400", description = "Unknown trigger or start, a bad cron, points below 1, or a "
            + "field the trigger does not take (the field is named)")
    @ApiResponse(responseCode = "404", description = "Unknown collection")
    RetrainingView setCollection(@PathVariable String name,
            @RequestBody(required = false) RetrainingRequest request) {
        return RetrainingView.of(policies.setCollection(name, setting(request)));
    }

    @GetMapping("/collections/{name}/retraining-policy")
    @Operation(summary = "The retraining policy of a collection, with its members' newest firings")
    @ApiResponse(responseCode = "200", description = "The policy and its firings")
    @ApiResponse(responseCode = "404", description = "Unknown collection, or it has no policy")
    RetrainingView getCollection(@PathVariable String name) {
        return RetrainingView.of(policies.ofCollection(name));
    }

    @DeleteMapping("/collections/{name}/retraining-policy")
    @Operation(summary = "Remove the collection's retraining policy")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "404", description = "Unknown collection, or it has no policy")
    ResponseEntity<Void> deleteCollection(@PathVariable String name) {
        policies.deleteCollection(name);
        return ResponseEntity.noContent().build();
    }
}
