package dev.tsforge.series.web;

import dev.tsforge.series.CollectionService;
import dev.tsforge.series.SeriesCollection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/collections")
@Tag(name = "Collections", description = "Named sets of series on one grid, with labels, filled by long-format "
        + "uploads (unique_id, ds, y)")
class CollectionsController {

    private final CollectionService collections;

    CollectionsController(CollectionService collections) {
        this.collections = collections;
    }

    @PostMapping
    @Operation(operationId = "createCollection", summary = "Create a collection")
    @ApiResponse(responseCode = "201", description = "Created; Location points to the collection")
    @ApiResponse(responseCode = "400", description = "Invalid name or grid (the field is named)")
    @ApiResponse(responseCode = "409", description = "The name is taken")
    ResponseEntity<CollectionResponse> create(@Valid @RequestBody CreateCollectionRequest request) {
        SeriesCollection created = collections.create(request.toNewCollection());
        URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{name}").build(created.name());
        return ResponseEntity.created(location).body(CollectionResponse.of(created, 0));
    }

    @GetMapping
    @Operation(operationId = "listCollections", summary = "List collections, oldest first, one page at a time")
    CollectionPage list(@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        long total = collections.count();
        return new CollectionPage(collections.page(page, size).stream()
                .map(collection -> CollectionResponse.of(collection, collections.memberCount(collection)))
                .toList(), page, size, total, (total + size - 1) / size);
    }

    @GetMapping("/{name}")
    @Operation(operationId = "getCollection", summary = "Get a collection with its grid and series count; its "
            + "series are listed by GET /series?collection={name}")
    @ApiResponse(responseCode = "200", description = "The collection")
    @ApiResponse(responseCode = "404", description = "Unknown collection")
    CollectionResponse get(@PathVariable String name) {
        SeriesCollection collection = collections.get(name);
        return CollectionResponse.of(collection, collections.memberCount(collection));
    }

    @DeleteMapping("/{name}")
    @Operation(operationId = "deleteCollection", summary = "Delete a collection with its series, their points, "
            + "jobs and models")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "Unknown collection")
    @ApiResponse(responseCode = "409", description = "A training job for one of its series is queued or running")
    ResponseEntity<Void> delete(@PathVariable String name) {
        collections.delete(name);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{name}/labels")
    @Operation(operationId = "replaceLabels", summary = "Set the labels of members, by unique_id",
            description = "Each member named gets exactly the labels given (an empty object removes them); members "
                    + "not named keep theirs. A unique_id the collection does not have becomes a new member without "
                    + "points. Keys start with a letter or '_' and hold letters, digits, '_', '.', '-' (at most 64); "
                    + "values are strings of at most 256 characters.")
    @ApiResponse(responseCode = "200", description = "How many members were labelled and how many created")
    @ApiResponse(responseCode = "400", description = "An invalid unique_id, key or value (the field is named "
            + "unique_id.key)")
    @ApiResponse(responseCode = "404", description = "Unknown collection")
    LabelsResult replaceLabels(@PathVariable String name,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(type = "object", description = "unique_id → {key: value}"),
                    examples = @ExampleObject(value = "{\"store_1-dept_3\": {\"store\": \"1\", \"dept\": \"3\"}, "
                            + "\"store_2-dept_3\": {\"store\": \"2\", \"dept\": \"3\"}}")))
            @RequestBody Map<String, Map<String, String>> labels) {
        int created = collections.replaceLabels(name, labels);
        return new LabelsResult(labels.size(), created);
    }

    /** @param labelled members whose labels were set; @param created of them, members new to the collection */
    record LabelsResult(int labelled, int created) {
    }
}
