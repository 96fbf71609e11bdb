package dev.tsforge.ledger.web;

import dev.tsforge.ledger.Ledger;
import dev.tsforge.ledger.LiveAccuracy;
import dev.tsforge.ledger.RecordingMode;
import dev.tsforge.ledger.RecordingPolicies;
import dev.tsforge.ledger.RecordingPolicy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Forecast ledger", description = "Recorded champion forecasts, their live accuracy as actuals arrive, "
        + "and drift from the accuracy the model was registered with")
class LedgerController {

    private final RecordingPolicies policies;
    private final Ledger ledger;

    LedgerController(RecordingPolicies policies, Ledger ledger) {
        this.policies = policies;
        this.ledger = ledger;
    }

    @Schema(description = "A recording setting")
    record RecordingRequest(
            @Schema(description = "OFF, EVERY (each champion forecast served for the series) or SCHEDULED (one "
                    + "forecast a day, made by the service)", example = "SCHEDULED") RecordingMode mode,
            @Schema(description = "SCHEDULED only: the time of day, UTC", example = "06:00") String dailyAt,
            @Schema(description = "SCHEDULED only: the steps to forecast", example = "24") Integer horizon) {
    }

    @Schema(description = "The recording setting of a series or collection")
    record RecordingView(
            @Schema(description = "SERIES or COLLECTION: whose setting this is (a series without one of its own "
                    + "follows its collection's)", example = "SERIES") String scope,
            Long seriesId, Long collectionId,
            @Schema(example = "SCHEDULED") RecordingMode mode,
            @Schema(example = "06:00") String dailyAt,
            @Schema(example = "24") Integer horizon,
            @Schema(description = "The scheduled time last recorded") Instant lastTick,
            Instant updatedAt) {

        static RecordingView of(Optional<RecordingPolicy> policy, String offScope) {
            return policy.map(p -> new RecordingView(p.seriesId() != null ? "SERIES" : "COLLECTION", p.seriesId(),
                    p.collectionId(), p.mode(), p.dailyAt() == null ? null : p.dailyAt().toString(), p.horizon(),
                    p.lastTick(), p.updatedAt()))
                    .orElse(new RecordingView(offScope, null, null, RecordingMode.OFF, null, null, null, null));
        }
    }

    private static RecordingPolicies.Setting setting(RecordingRequest request) {
        return request == null ? null : new RecordingPolicies.Setting(request.mode(), request.dailyAt(),
                request.horizon());
    }

    @PutMapping("/series/{id}/recording")
    @Operation(summary = "Set which champion forecasts of a series are recorded",
            description = "Off by default. A series' own setting wins over its collection's; OFF removes the "
                    + "series' own setting (its collection's applies again).")
    @ApiResponse(responseCode = "200", description = "The setting that now applies")
    @ApiResponse(responseCode = "400", description = "Unknown mode, a SCHEDULED setting without dailyAt or horizon")
    @ApiResponse(responseCode = "404", description = "Unknown series")
    RecordingView setSeriesRecording(@PathVariable long id, @RequestBody RecordingRequest request) {
        policies.setSeries(id, setting(request));
        return RecordingView.of(policies.effective(id), "SERIES");
    }

    @GetMapping("/series/{id}/recording")
    @Operation(summary = "The recording setting that applies to a series (its own, else its collection's)")
    @ApiResponse(responseCode = "200", description = "The setting; mode OFF when none applies")
    @ApiResponse(responseCode = "404", description = "Unknown series")
    RecordingView seriesRecording(@PathVariable long id) {
        return RecordingView.of(policies.effective(id), "SERIES");
    }

    @PutMapping("/collections/{name}/recording")
    @Operation(summary = "Set which champion forecasts of a collection's members are recorded",
            description = "Applies to every member without a setting of its own.")
    @ApiResponse(responseCode = "200", description = "The collection's setting")
    @ApiResponse(responseCode = "400", description = "Unknown mode, a SCHEDULED setting without dailyAt or horizon")
    @ApiResponse(responseCode = "404", description = "Unknown collection")
    RecordingView setCollectionRecording(@PathVariable String name, @RequestBody RecordingRequest request) {
        return RecordingView.of(policies.setCollection(name, setting(request)), "COLLECTION");
    }

    @GetMapping("/collections/{name}/recording")
    @Operation(summary = "The recording setting of a collection")
    @ApiResponse(responseCode = "200", description = "The setting; mode OFF when it has none")
    @ApiResponse(responseCode = "404", description = "Unknown collection")
    RecordingView collectionRecording(@PathVariable String name) {
        return RecordingView.of(policies.ofCollection(name), "COLLECTION");
    }

    @GetMapping("/series/{id}/recorded-forecasts")
    @Operation(summary = "Recorded forecasts of a series, newest first",
            description = "Each with its model, origin (last input timestamp), steps (timestamp, value, interval "
                    + "bounds, seasonal naive's forecast of the step) and the actual value once it arrived.")
    @ApiResponse(responseCode = "200", description = "A page of recorded forecasts")
    @ApiResponse(responseCode = "400", description = "page below 0, size outside 1 to 200")
    @ApiResponse(responseCode = "404", description = "Unknown series")
    Ledger.Page recordedForecasts(@PathVariable long id, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return ledger.recorded(id, page, size);
    }

    @GetMapping("/series/{id}/live-accuracy")
    @Operation(summary = "How the series' recorded forecasts did since they went live",
            description = "Over the scored steps of the last `days` days (before the newest one): MAE, MASE (scaled "
                    + "as the model's registration scaled it), sMAPE and interval coverage, overall and per horizon "
                    + "step, beside seasonal naive on the same points; per model, with its drift evidence.")
    @ApiResponse(responseCode = "200", description = "Live accuracy and drift")
    @ApiResponse(responseCode = "400", description = "days below 1")
    @ApiResponse(responseCode = "404", description = "Unknown series")
    LiveAccuracy seriesLiveAccuracy(@PathVariable long id, @RequestParam(required = false) Integer days) {
        return ledger.ofSeries(id, days);
    }

    @GetMapping("/collections/{name}/live-accuracy")
    @Operation(summary = "Live accuracy of a collection's recorded forecasts, pooled and per member",
            description = "The members' scored steps pooled (per horizon step too), and per member and model "
                    + "with drift evidence; `drifting` counts the members flagged.")
    @ApiResponse(responseCode = "200", description = "Live accuracy and drift")
    @ApiResponse(responseCode = "400", description = "days below 1")
    @ApiResponse(responseCode = "404", description = "Unknown collection")
    LiveAccuracy collectionLiveAccuracy(@PathVariable String name, @RequestParam(required = false) Integer days) {
        return ledger.ofCollection(name, days);
    }
}
