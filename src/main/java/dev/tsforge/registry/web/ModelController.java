package dev.tsforge.registry.web;

import dev.tsforge.registry.ModelImporter;
import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.registry.ModelArtifacts;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.registry.RegisteredModel;
import dev.tsforge.series.CollectionService;
import dev.tsforge.series.SeriesService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Models", description = "Trained models: spec, data, holdout accuracy vs baselines, champion, artifact")
class ModelController {

    private final ModelRegistry registry;
    private final ModelImporter importer;
    private final ModelArtifacts artifacts;
    private final SeriesService series;
    private final CollectionService collections;

    ModelController(ModelRegistry registry, ModelImporter importer, ModelArtifacts artifacts,
            SeriesService series, CollectionService collections) {
        this.collections = collections;
        this.registry = registry;
        this.importer = importer;
        this.artifacts = artifacts;
        this.series = series;
    }

    @GetMapping("/models/{id}")
    @Operation(summary = "Get a trained model: spec, data range, training, holdout accuracy against the naive and "
            + "seasonal-naive baselines, and whether it is the champion")
    @ApiResponse(responseCode = "200", description = "The model")
    @ApiResponse(responseCode = "404", description = "Unknown model")
    ModelView get(@PathVariable long id) {
        RegisteredModel model = registry.get(id);
        return ModelView.of(model, global(model.version()));
    }

    /** What the view says of a global model; null for a model of one series. */
    private ModelView.GlobalView global(ModelVersion model) {
        if (!model.global()) {
            return null;
        }
        return GlobalModelController.global(collections.name(model.panel().collectionId()), model, registry);
    }

    @GetMapping("/series/{id}/models")
    @Operation(summary = "List the models of a series, newest first")
    @ApiResponse(responseCode = "200", description = "The models")
    @ApiResponse(responseCode = "404", description = "Unknown series")
    List<ModelView> ofSeries(@PathVariable long id) {
        series.get(id);
        return registry.ofSeries(id).stream().map(ModelView::of).toList();
    }

    @PostMapping("/models/{id}/promote")
    @Operation(summary = "Make this model its series' champion by hand",
            description = "The champion serves forecasts that name only the series.")
    @ApiResponse(responseCode = "200", description = "The model, now champion")
    @ApiResponse(responseCode = "404", description = "Unknown model")
    @ApiResponse(responseCode = "409", description = "A global model: it is promoted member by member at training")
    ModelView promote(@PathVariable long id) {
        return ModelView.of(registry.promote(id));
    }

    @DeleteMapping("/models/{id}")
    @Operation(summary = "Delete a model and its artifact; deleting the champion leaves the series without one")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "Unknown model")
    ResponseEntity<Void> delete(@PathVariable long id) {
        registry.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(value = "/series/{id}/models", consumes = {"application/zip", "application/octet-stream"})
    @Operation(summary = "Import a model file exported from another instance into this series",
            description = "The body is the zip from GET /models/{id}/artifact. It is checked before use (expected "
                    + "entries only, a known normaliser and layer types, size limits), run once, measured on the "
                    + "series' holdout beside the baselines when the series is long enough, and registered as a "
                    + "challenger: promote it by hand.")
    @ApiResponse(responseCode = "201", description = "Imported; Location points to the model")
    @ApiResponse(responseCode = "404", description = "Unknown series")
    @ApiResponse(responseCode = "413", description = "Larger than tsforge.limits.max-artifact-bytes")
    @ApiResponse(responseCode = "422", description = "Not a valid tsforge model (the detail says why)")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "The exported model zip",
            content = @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<ModelView> importModel(@PathVariable long id, HttpServletRequest request) throws IOException {
        ModelView model = ModelView.of(importer.importModel(id, request.getInputStream()));
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/v1/models/{id}")
                .build(model.id());
        return ResponseEntity.created(location).body(model);
    }

    @GetMapping(value = "/models/{id}/artifact", produces = "application/zip")
    @Operation(summary = "Download the model artifact (DL4J model zip with its normaliser)",
            description = "The ETag is the artifact's SHA-256, as in the model's checksumSha256.")
    @ApiResponse(responseCode = "200", description = "The model file", content = @Content(
            mediaType = "application/zip", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "404", description = "Unknown model")
    ResponseEntity<Resource> artifact(@PathVariable long id) {
        ModelVersion model = registry.version(id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .eTag("\"" + model.artifact().checksumSha256() + "\"")
                .contentLength(model.artifact().sizeBytes())
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("model-" + id + ".zip").build().toString())
                .body(artifacts.export(model));
    }
}
