package dev.tsforge.series.web;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.series.IngestResult;
import dev.tsforge.series.Point;
import dev.tsforge.series.PointBatchValidator;
import dev.tsforge.series.PointCsv;
import dev.tsforge.series.RawPoint;
import dev.tsforge.series.SeriesService;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.JsonErrors;
import dev.tsforge.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/series/{id}/points")
@Tag(name = "Points", description = "Upload and read the observations of a series (JSON or CSV)")
class PointsController {

    static final String TEXT_CSV = "text/csv";

    private final SeriesService series;
    private final TsforgeProperties properties;
    private final JsonMapper json;
    private final IngestMetrics metrics;

    PointsController(SeriesService series, TsforgeProperties properties, JsonMapper json, IngestMetrics metrics) {
        this.series = series;
        this.properties = properties;
        this.json = json;
        this.metrics = metrics;
    }

    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, TEXT_CSV})
    @Operation(summary = "Upsert points from a JSON array or from CSV with a 'timestamp,value' header",
            description = "The whole batch is one transaction: if any point is invalid nothing is stored, and "
                    + "the problem lists each bad point with its JSON index or CSV line. A point whose timestamp "
                    + "is already stored replaces the stored value. A timestamp without an offset "
                    + "(2024-01-05, 2024-01-05T00:00:00, 2024-01-05 00:00:00) is read in the series' time zone. "
                    + "The first batch of a series whose anchor or business days were left open decides them "
                    + "(see the series' anchor and businessDays).")
    @ApiResponse(responseCode = "200", description = "How many points were inserted and updated")
    @ApiResponse(responseCode = "400", description = "Malformed JSON/CSV or invalid points")
    @ApiResponse(responseCode = "404", description = "Unknown series")
    @ApiResponse(responseCode = "413", description = "More points than tsforge.limits.max-points-per-request")
    IngestResult ingest(@PathVariable long id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            array = @ArraySchema(schema = @Schema(implementation = PointJson.class)),
                            examples = @ExampleObject(value = "[{\"timestamp\":\"2024-01-01T00:00:00Z\",\"value\":0.12},"
                                    + "{\"timestamp\":\"2024-01-01T01:00:00Z\",\"value\":0.57}]")),
                    @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string"),
                            examples = @ExampleObject(value = "timestamp,value\n2024-01-01T00:00:00Z,0.12\n"
                                    + "2024-01-01T01:00:00Z,0.57\n"))})
            @RequestBody(required = false) byte[] body,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType) {
        byte[] bytes = body == null ? new byte[0] : body;
        boolean isJson = contentType.isCompatibleWith(MediaType.APPLICATION_JSON);
        List<RawPoint> rows = isJson
                ? jsonRows(bytes)
                : PointCsv.parse(new String(bytes, charset(contentType)), properties.limits().maxPointsPerRequest());
        IngestResult result = series.ingest(id, rows);
        metrics.stored(isJson ? "json" : "csv", bytes.length, result);
        return result;
    }

    private List<RawPoint> jsonRows(byte[] body) {
        PointJson[] points;
        try {
            points = json.readValue(body, PointJson[].class);
        } catch (JacksonException e) {
            throw new ApiProblemException(ProblemType.MALFORMED_REQUEST, JsonErrors.describe(e));
        }
        if (points == null) {
            throw new ApiProblemException(ProblemType.MALFORMED_REQUEST, "The request body must be a JSON array of points.");
        }
        List<RawPoint> rows = new ArrayList<>(points.length);
        for (int i = 0; i < points.length; i++) {
            if (points[i] == null) {
                throw new ApiProblemException(ProblemType.INVALID_POINTS, "Element " + i + " is null.",
                        Map.of("index", i));
            }
            rows.add(RawPoint.jsonIndex(i, points[i].timestamp(), points[i].value()));
        }
        return rows;
    }

    private static Charset charset(MediaType contentType) {
        return contentType.getCharset() == null ? StandardCharsets.UTF_8 : contentType.getCharset();
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Read points in [from, to] as JSON (or CSV with Accept: text/csv)")
    List<PointResponse> readJson(@PathVariable long id,
            @Parameter(description = "Inclusive lower bound, ISO-8601") @RequestParam(required = false) String from,
            @Parameter(description = "Inclusive upper bound, ISO-8601") @RequestParam(required = false) String to) {
        return read(id, from, to).stream().map(PointResponse::of).toList();
    }

    @GetMapping(produces = TEXT_CSV)
    @Operation(summary = "Read points in [from, to] as CSV")
    String readCsv(@PathVariable long id, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return PointCsv.format(read(id, from, to));
    }

    /** Bounds without an offset are read in the series' zone, as its points were. */
    private List<Point> read(long id, String from, String to) {
        // a bound that parses in no zone is a 400 before the series is looked up
        bound("from", from, ZoneOffset.UTC);
        bound("to", to, ZoneOffset.UTC);
        ZoneId zone = series.get(id).frequency().zone();
        return series.points(id, bound("from", from, zone), bound("to", to, zone));
    }

    static Instant bound(String name, String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant parsed = PointBatchValidator.parseTimestamp(text, zone);
        if (parsed == null) {
            throw new ApiProblemException(ProblemType.INVALID_PARAMETER,
                    "Parameter '" + name + "' must be an ISO-8601 date-time (without an offset: in the series' "
                            + "time zone) or a date, got '" + text + "'",
                    Map.of("parameter", name));
        }
        return parsed;
    }
}
