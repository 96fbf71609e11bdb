package dev.tsforge.anomalies.web;

import dev.tsforge.anomalies.Anomalies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Anomalies", description = "Stored points outside the band their series' champion forecast for them")
class AnomalyController {

    private final Anomalies anomalies;

    AnomalyController(Anomalies anomalies) {
        this.anomalies = anomalies;
    }

    @Schema(description = "Whether newly stored points of the series are scored for anomalies")
    record SettingRequest(@Schema(example = "true") boolean enabled) {
    }

    @Schema(description = "A range of stored points to score")
    record BackfillRequest(
            @Schema(description = "First timestamp, inclusive", example = "2024-01-01T00:00:00Z") Instant from,
            @Schema(description = "Last timestamp, inclusive", example = "2024-01-10T23:00:00Z") Instant to) {
    }

    @PutMapping("/series/{id}/anomalies/settings")
    @Operation(summary = "Turn anomaly detection of a series on or off",
            description = "Off by default. When on, each ingest's points are scored after it commits, off the "
                    + "request's thread, against the champion's forecast from the stored point before them at "
                    + "`tsforge.anomalies.level`.")
    @ApiResponse(responseCode = "200", description = "The setting now")
    @ApiResponse(responseCode = "404", description = "Unknown series")
    Anomalies.Setting setSetting(@PathVariable long id, @RequestBody SettingRequest request) {
        return anomalies.setEnabled(id, request != null && request.enabled());
    }

    @GetMapping("/series/{id}/anomalies/settings")
    @Operation(summary = "Whether anomaly detection of a series is on, and how its scoring went",
            description = "Points scored and skipped since it was turned on, and why the last skipped one was.")
    @ApiResponse(responseCode = "200", description = "The setting")
    @ApiResponse(responseCode = "404", description = "Unknown series")
    Anomalies.Setting setting(@PathVariable long id) {
        return anomalies.setting(id);
    }

    @GetMapping("/series/{id}/anomalies")
    @Operation(summary = "A series' anomalies, newest first",
            description = "Each flagged point with its value, the expected value and the interval bounds at the "
                    + "level it was scored at, the model, the forecast origin and step the band comes from, and "
                    + "when it was detected.")
    @ApiResponse(responseCode = "200", description = "A page of anomalies")
    @ApiResponse(responseCode = "400", description = "page below 0, size outside 1 to 200")
    @ApiResponse(responseCode = "404", description = "Unknown series")
    Anomalies.Page list(@PathVariable long id, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return anomalies.page(id, page, size);
    }

    @PostMapping("/series/{id}/anomalies/backfill")
    @Operation(summary = "Score a range of a series' stored history for anomalies",
            description = "Synchronous: the points in [from, to] are forecast by the champion, a run at a time, each "
                    + "from the stored point before it, in batches of one model call. Idempotent: a point scored "
                    + "again replaces its row. Works whether detection is on or off; sends no webhook.")
    @ApiResponse(responseCode = "200", description = "What was scored and flagged")
    @ApiResponse(responseCode = "400", description = "from or to missing, from after to")
    @ApiResponse(responseCode = "404", description = "Unknown series")
    @ApiResponse(responseCode = "409", description = "The series has no champion")
    @ApiResponse(responseCode = "413", description = "The range spans more grid steps than "
            + "`tsforge.anomalies.max-backfill-points`")
    Anomalies.Backfill backfill(@PathVariable long id, @RequestBody BackfillRequest request) {
        return anomalies.backfill(id, request == null ? null : request.from(), request == null ? null : request.to());
    }
}
