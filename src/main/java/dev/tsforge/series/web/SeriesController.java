package dev.tsforge.series.web;

import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/series")
@Tag(name = "Series", description = "Time series: create, list, inspect, delete")
class SeriesController {

    private final SeriesService series;

    SeriesController(SeriesService series) {
        this.series = series;
    }

    @PostMapping
    @Operation(summary = "Create a series")
    @ApiResponse(responseCode = "201", description = "Created; Location points to the series")
    @ApiResponse(responseCode = "400", description = "Invalid name or unsupported frequency")
    @ApiResponse(responseCode = "409", description = "The name is taken")
    ResponseEntity<SeriesResponse> create(@Valid @RequestBody CreateSeriesRequest request) {
        Series created = series.create(request.name(), request.frequency(), request.description(), request.unit(),
                request.seasonalPeriod());
        URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(created.id());
        return ResponseEntity.created(location).body(SeriesResponse.of(created, series.stats(created.id())));
    }

    @GetMapping
    @Operation(summary = "List series, oldest first, one page at a time")
    SeriesPage list(@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        long total = series.count();
        return new SeriesPage(series.page(page, size).stream().map(SeriesSummary::of).toList(), page, size, total,
                (total + size - 1) / size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a series with its point count and first/last timestamps")
    @ApiResponse(responseCode = "200", description = "The series")
    @ApiResponse(responseCode = "404", description = "Unknown series")
    SeriesResponse get(@PathVariable long id) {
        return SeriesResponse.of(series.get(id), series.stats(id));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a series with its points, jobs and models")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "Unknown series")
    @ApiResponse(responseCode = "409", description = "A training job for the series is queued or running")
    ResponseEntity<Void> delete(@PathVariable long id) {
        series.delete(id);
        return ResponseEntity.noContent().build();
    }
}
