package dev.tsforge.forecasting.web;

import dev.tsforge.forecasting.CollectionForecasts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@Tag(name = "Collections")
class CollectionForecastController {

    /** Bytes buffered before they go to the socket: a member's rows are ~2 KB, so a write per ~30 members. */
    private static final int BUFFER = 64 * 1024;

    private final CollectionForecasts forecasts;
    private final JsonMapper json;

    CollectionForecastController(CollectionForecasts forecasts, JsonMapper json) {
        this.forecasts = forecasts;
        this.json = json;
    }

    @Schema(description = "What to forecast for every member of a collection (or the members with the labels)")
    record CollectionForecastRequest(
            @Schema(description = "Steps ahead, on the grid", example = "24") Integer horizon,
            @Schema(description = "Prediction interval levels in percent (at most 5)", defaultValue = "[80, 95]")
            List<Double> levels,
            @Schema(description = "Only members with these labels, key:value; all must match", example = "[\"store:1\"]")
            List<String> label,
            @Schema(description = "A model id to forecast every member with (e.g. a global model) instead of each "
                    + "member's champion") Long model) {
    }

    @PostMapping(value = "/api/v1/collections/{name}/forecasts", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = {ForecastCsv.TEXT_CSV, ForecastStream.NDJSON})
    @Operation(operationId = "forecastCollection", summary = "Forecast every member of a collection, streamed as CSV "
            + "(unique_id,ds,mean,lo-80,hi-80,...) or NDJSON (one line per member)",
            description = "Each member is forecast from its champion, or all from `model`, through the same guarded "
                    + "path as POST /forecasts (divergence fallback, conformal intervals). Members are read and "
                    + "forecast a chunk at a time and written as they are done. A member without a forecast (no "
                    + "champion, too few points, a gap) gets a row or line with its problem; the call still answers "
                    + "200 for the others.")
    @ApiResponse(responseCode = "200", description = "The forecasts", content = {
            @Content(mediaType = ForecastCsv.TEXT_CSV, schema = @Schema(type = "string"), examples = @ExampleObject(
                    value = "unique_id,ds,mean,lo-80,hi-80,lo-95,hi-95,model_id,problem\n"
                            + "H1,2024-01-13T12:00:00Z,0.52,0.31,0.73,0.2,0.84,3,\n"
                            + "H2,,,,,,,,no-model: Series 8 has no trained model yet; POST a training first.\n")),
            @Content(mediaType = ForecastStream.NDJSON, schema = @Schema(type = "string"), examples = @ExampleObject(
                    value = "{\"unique_id\":\"H1\",\"seriesId\":7,\"modelId\":3,\"ds\":[\"2024-01-13T12:00:00Z\"],"
                            + "\"mean\":[0.52],\"intervals\":{\"lo-80\":[0.31],\"hi-80\":[0.73]},\"fallback\":null}\n"
                            + "{\"unique_id\":\"H2\",\"seriesId\":8,\"problem\":{\"type\":\"urn:tsforge:problem:no-model\","
                            + "\"status\":409,\"detail\":\"...\"}}\n"))})
    @ApiResponse(responseCode = "400", description = "Invalid horizon, levels or label filter")
    @ApiResponse(responseCode = "404", description = "Unknown collection or model")
    @ApiResponse(responseCode = "422", description = "`model` was trained on another grid than the collection's")
    void forecast(@PathVariable String name, @RequestBody CollectionForecastRequest request,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletResponse response) throws IOException {
        CollectionForecasts.Plan plan = forecasts.plan(name, request.label(), request.horizon(), request.levels(),
                request.model());
        boolean ndjson = accept != null && accept.contains(ForecastStream.NDJSON);
        response.setContentType(ndjson ? ForecastStream.NDJSON : ForecastCsv.TEXT_CSV + ";charset=UTF-8");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                BUFFER);
        forecasts.forecast(plan, ndjson ? ForecastStream.ndjson(out, plan.levels(), json)
                : ForecastStream.csv(out, plan.levels()));
        out.flush();
    }
}
