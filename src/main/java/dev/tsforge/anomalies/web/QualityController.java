package dev.tsforge.anomalies.web;

import dev.tsforge.anomalies.QualityReport;
import dev.tsforge.anomalies.SeriesQuality;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Data quality", description = "Gaps, refused duplicates, outliers, flat stretches and the age of a "
        + "series' last point")
class QualityController {

    private final SeriesQuality quality;

    QualityController(SeriesQuality quality) {
        this.quality = quality;
    }

    @GetMapping("/series/{id}/quality")
    @Operation(summary = "The data-quality report of a series",
            description = "On the series' grid: missing grid steps (stretches, total, the longest with its first and "
                    + "last missing step); batches refused at ingest for a repeated timestamp (a timestamp already "
                    + "stored is replaced, not refused); spikes among the one-step changes; runs of at least "
                    + "`minFlatRun` identical consecutive values; the last point's age and the grid steps due since.")
    @ApiResponse(responseCode = "200", description = "The report")
    @ApiResponse(responseCode = "400", description = "minFlatRun below 2, outlierThreshold below 1")
    @ApiResponse(responseCode = "404", description = "Unknown series")
    QualityReport report(@PathVariable long id,
            @Parameter(description = "Identical consecutive values that make a flat stretch")
            @RequestParam(defaultValue = "" + SeriesQuality.DEFAULT_MIN_FLAT_RUN) @Min(2) @Max(1_000_000)
            int minFlatRun,
            @Parameter(description = "Robust standard deviations of the one-step changes a spike's changes exceed")
            @RequestParam(defaultValue = "" + SeriesQuality.DEFAULT_OUTLIER_THRESHOLD) @DecimalMin("1")
            double outlierThreshold) {
        return quality.report(id, minFlatRun, outlierThreshold);
    }
}
