package dev.tsforge.registry.web;

import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.series.SeriesService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Models", description = "Trained models: spec, data range, loss, provenance")
class ModelController {

    private final ModelRegistry registry;
    private final SeriesService series;

    ModelController(ModelRegistry registry, SeriesService series) {
        this.registry = registry;
        this.series = series;
    }

    @GetMapping("/models/{id}")
    @Operation(summary = "Get a trained model: its spec and the data it was trained on")
    @ApiResponse(responseCode = "404", description = "Unknown model")
    ModelVersion get(@PathVariable long id) {
        return registry.get(id);
    }

    @GetMapping("/series/{id}/models")
    @Operation(summary = "List the models of a series, newest (the one serving forecasts) first")
    @ApiResponse(responseCode = "404", description = "Unknown series")
    List<ModelVersion> ofSeries(@PathVariable long id) {
        series.get(id);
        return registry.ofSeries(id);
    }
}
