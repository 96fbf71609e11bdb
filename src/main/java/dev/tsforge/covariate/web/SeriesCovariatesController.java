package dev.tsforge.covariate.web;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.covariate.CovariateService;
import dev.tsforge.series.IngestResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/series/{id}/covariates")
@Tag(name = "Covariates", description = "Covariate series (known-future or past-only drivers) a network reads beside "
        + "the target")
class SeriesCovariatesController {

    private final CovariateService covariates;
    private final CovariateEndpoints endpoints;

    SeriesCovariatesController(CovariateService covariates, TsforgeProperties properties, JsonMapper json) {
        this.covariates = covariates;
        this.endpoints = new CovariateEndpoints(covariates, properties, json);
    }

    @PutMapping("/{name}")
    @Operation(operationId = "declareSeriesCovariate",
            summary = "Declare a covariate series of a series",
            description = "Its kind is fixed once declared: declaring it again with the same kind changes nothing "
                    + "(200), with another kind is a 409 (delete it first).")
    @ApiResponse(responseCode = "201", description = "Declared")
    @ApiResponse(responseCode = "200", description = "Already declared with this kind")
    @ApiResponse(responseCode = "400", description = "Malformed name or kind")
    @ApiResponse(responseCode = "409", description = "Declared with the other kind")
    ResponseEntity<CovariateView> declare(@PathVariable long id, @PathVariable String name,
            @Valid @RequestBody DeclareCovariateRequest request) {
        return endpoints.declare(covariates.ofSeries(id), name, request,
                URI.create("/api/v1/series/" + id + "/covariates/" + name));
    }

    @GetMapping
    @Operation(operationId = "listSeriesCovariates",
            summary = "The covariate series of a series: names, kinds, counts and ranges",
            description = "With those it inherits from its collection (shared: true; managed under the collection), "
                    + "except where it has its own of the same name")
    List<CovariateView> list(@PathVariable long id) {
        return endpoints.list(covariates.ofSeries(id));
    }

    @GetMapping("/{name}")
    @Operation(operationId = "getSeriesCovariate",
            summary = "One covariate series: kind, count and range")
    CovariateView get(@PathVariable long id, @PathVariable String name) {
        return endpoints.get(covariates.ofSeries(id), name);
    }

    @DeleteMapping("/{name}")
    @Operation(operationId = "deleteSeriesCovariate",
            summary = "Delete a covariate series and its points",
            description = "Models trained with it keep their artifacts; forecasting with them then needs its values "
                    + "sent with the request.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    ResponseEntity<Void> delete(@PathVariable long id, @PathVariable String name) {
        return endpoints.delete(covariates.ofSeries(id), name);
    }

    @PostMapping(path = "/{name}/points", consumes = {MediaType.APPLICATION_JSON_VALUE, CovariateBodies.TEXT_CSV})
    @Operation(operationId = "ingestSeriesCovariatePoints",
            summary = "Upsert a covariate's points from a JSON array or CSV 'timestamp,value'",
            description = "As the series' points: on the owner's grid (off-grid refused), one transaction, a "
                    + "timestamp already stored is replaced.")
    @ApiResponse(responseCode = "200", description = "How many points were inserted and updated")
    @ApiResponse(responseCode = "400", description = "Malformed body or invalid points")
    @ApiResponse(responseCode = "404", description = "Unknown owner or covariate")
    IngestResult ingest(@PathVariable long id, @PathVariable String name,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(
                            value = "[{\"timestamp\":\"2024-01-01\",\"value\":3.5}]")),
                    @Content(mediaType = CovariateBodies.TEXT_CSV, examples = @ExampleObject(
                            value = "timestamp,value\n2024-01-01,3.5\n"))})
            @RequestBody(required = false) byte[] body,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType) {
        return endpoints.ingest(() -> covariates.ofSeries(id), name, body, contentType);
    }

    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, CovariateBodies.TEXT_CSV})
    @Operation(operationId = "ingestSeriesCovariatesLong",
            summary = "Upsert the points of several declared covariates at once: CSV 'name,timestamp,value' or "
            + "a JSON array of {name, timestamp, value}", description = "One transaction for all of them.")
    @ApiResponse(responseCode = "200", description = "Per covariate, how many points were inserted and updated")
    Map<String, IngestResult> ingestLong(@PathVariable long id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = CovariateBodies.TEXT_CSV, examples = @ExampleObject(
                            value = "name,timestamp,value\ntemp,2024-01-01,3.5\nprice,2024-01-01,9.99\n"))})
            @RequestBody(required = false) byte[] body,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType) {
        return endpoints.ingestLong(() -> covariates.ofSeries(id), body, contentType);
    }

    @GetMapping("/{name}/points")
    @Operation(operationId = "readSeriesCovariatePoints",
            summary = "A covariate's points in [from, to]")
    List<CovariateEndpoints.PointView> points(@PathVariable long id, @PathVariable String name,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return endpoints.points(covariates.ofSeries(id), name, from, to);
    }
}
