package dev.tsforge.series.web;

import dev.tsforge.series.CollectionService;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesFilter;
import dev.tsforge.series.SeriesService;
import dev.tsforge.series.SeriesUpdate;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.JsonErrors;
import dev.tsforge.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/series")
@Tag(name = "Series", description = "Time series: create, list, inspect, change, delete")
class SeriesController {

    /** RFC 7396's media type, accepted beside plain JSON for clients that send it. */
    static final String MERGE_PATCH = "application/merge-patch+json";

    private final SeriesService series;
    private final CollectionService collections;
    private final JsonMapper json;
    private final Validator validator;

    SeriesController(SeriesService series, CollectionService collections, JsonMapper json, Validator validator) {
        this.series = series;
        this.collections = collections;
        this.json = json;
        this.validator = validator;
    }

    @PostMapping
    @Operation(summary = "Create a series")
    @ApiResponse(responseCode = "201", description = "Created; Location points to the series")
    @ApiResponse(responseCode = "400", description = "Invalid name, or an unsupported frequency, anchor, "
            + "businessDays or timeZone (the field is named)")
    @ApiResponse(responseCode = "409", description = "The name is taken")
    ResponseEntity<SeriesResponse> create(@Valid @RequestBody CreateSeriesRequest request) {
        Series created = series.create(request.toNewSeries());
        URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(created.id());
        return ResponseEntity.created(location).body(response(created));
    }

    @GetMapping
    @Operation(summary = "List series, oldest first, one page at a time; optionally the members of a collection "
            + "that carry all the labels given")
    @ApiResponse(responseCode = "200", description = "One page")
    @ApiResponse(responseCode = "400", description = "A page parameter out of range, or a label not written "
            + "key:value")
    @ApiResponse(responseCode = "404", description = "Unknown collection")
    SeriesPage list(@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
            @Parameter(description = "Only members of this collection") @RequestParam(required = false)
            String collection,
            @Parameter(description = "Only series with this label, written key:value (e.g. store:12); repeat for "
                    + "several, all must match") @RequestParam(required = false) List<String> label) {
        SeriesFilter filter = collections.filter(collection, label);
        long total = series.count(filter);
        List<Series> found = series.page(filter, page, size);
        return new SeriesPage(SeriesSummary.of(found, collections), page, size, total, (total + size - 1) / size);
    }

    @GetMapping("/{id}")
    // named: springdoc numbers clashing method names (get, get_1, get_2) in an order that moved when PATCH was
    // added, which swapped this id with the training job's in generated clients
    @Operation(operationId = "getSeries", summary = "Get a series with its point count and first/last timestamps")
    @ApiResponse(responseCode = "200", description = "The series")
    @ApiResponse(responseCode = "404", description = "Unknown series")
    SeriesResponse get(@PathVariable long id) {
        return response(series.get(id));
    }

    @PatchMapping(path = "/{id}", consumes = {MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH})
    @Operation(operationId = "updateSeries", summary = "Change a series (merge patch)",
            description = "Fields left out keep their value; null resets a field. description, unit, "
                    + "seasonalPeriod and nonNegative may always change; frequency, anchor, businessDays and "
                    + "timeZone only while the series has no points, because stored timestamps were checked against "
                    + "the grid they arrived on. Restating the current grid is no change and allowed.")
    @ApiResponse(responseCode = "200", description = "The changed series")
    @ApiResponse(responseCode = "400", description = "Malformed body, an unknown or read-only field, or an "
            + "invalid value (the field is named)")
    @ApiResponse(responseCode = "404", description = "Unknown series")
    @ApiResponse(responseCode = "409", description = "grid-fixed: the grid would change but the series has points")
    SeriesResponse update(@PathVariable long id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = UpdateSeriesRequest.class),
                    examples = @ExampleObject(value = "{\"nonNegative\": true, \"unit\": \"MWh\"}")))
            @RequestBody JsonNode body) {
        return response(series.update(id, toUpdate(body)));
    }

    private SeriesResponse response(Series found) {
        return SeriesResponse.of(found, series.stats(found.id()), SeriesSummary.membership(found, collections));
    }

    private SeriesUpdate toUpdate(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ApiProblemException(ProblemType.MALFORMED_REQUEST, "The request body must be a JSON object.");
        }
        Set<SeriesUpdate.Field> present = EnumSet.noneOf(SeriesUpdate.Field.class);
        for (String name : body.propertyNames()) {
            SeriesUpdate.Field field = UpdateSeriesRequest.FIELDS.get(name);
            if (field == null) {
                throw ApiProblemException.invalidField(name, name.equals("name")
                        ? "cannot be changed; create a new series"
                        : "is not a field of a series that can be changed (" + String.join(", ",
                                new TreeSet<>(UpdateSeriesRequest.FIELDS.keySet())) + ")");
            }
            present.add(field);
        }
        UpdateSeriesRequest request;
        try {
            request = json.treeToValue(body, UpdateSeriesRequest.class);
        } catch (JacksonException e) {
            throw new ApiProblemException(ProblemType.MALFORMED_REQUEST, JsonErrors.describe(e));
        }
        validator.validate(request).stream()
                .min(Comparator.comparing(violation -> violation.getPropertyPath().toString()))
                .ifPresent(violation -> {
                    throw ApiProblemException.invalidField(violation.getPropertyPath().toString(),
                            violation.getMessage());
                });
        return new SeriesUpdate(present, request.description(), request.unit(), request.seasonalPeriod(),
                request.nonNegative(), request.frequency(), request.anchor(), request.businessDays(),
                request.timeZone());
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
