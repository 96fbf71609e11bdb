package dev.tsforge.series.web;

import dev.tsforge.series.BulkColumns;
import dev.tsforge.series.BulkFormat;
import dev.tsforge.series.BulkIngestResult;
import dev.tsforge.series.BulkIngestService;
import dev.tsforge.series.CollectionService;
import dev.tsforge.series.Point;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesCollection;
import dev.tsforge.series.SeriesFilter;
import dev.tsforge.series.SeriesService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/collections/{name}/points")
@Tag(name = "Collections")
class CollectionPointsController {

    static final String NDJSON = "application/x-ndjson";

    private final BulkIngestService bulk;
    private final CollectionService collections;
    private final SeriesService series;
    private final JsonMapper json;

    CollectionPointsController(BulkIngestService bulk, CollectionService collections, SeriesService series,
            JsonMapper json) {
        this.bulk = bulk;
        this.collections = collections;
        this.series = series;
        this.json = json;
    }

    @GetMapping(produces = {PointsController.TEXT_CSV, NDJSON})
    @Operation(operationId = "readCollectionPoints", summary = "Read the points of a collection's series in long "
            + "format: CSV (unique_id,ds,y) or, with Accept: application/x-ndjson, NDJSON",
            description = "Series in id order, each series' points oldest first; label filters select members as "
                    + "GET /series does. Bounds without an offset are read in the collection's zone. Written as it "
                    + "is read, one series at a time.")
    @ApiResponse(responseCode = "200", description = "The points", content = {
            @Content(mediaType = PointsController.TEXT_CSV, schema = @Schema(type = "string"),
                    examples = @ExampleObject(value = "unique_id,ds,y\nH1,2024-01-01T00:00:00Z,605.0\n")),
            @Content(mediaType = NDJSON, schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "400", description = "A bound or label filter that does not parse")
    @ApiResponse(responseCode = "404", description = "Unknown collection")
    void read(@PathVariable String name,
            @Parameter(description = "Only series with this label, key:value; repeat for several, all must match")
            @RequestParam(required = false) List<String> label,
            @Parameter(description = "Inclusive lower bound, ISO-8601") @RequestParam(required = false) String from,
            @Parameter(description = "Inclusive upper bound, ISO-8601") @RequestParam(required = false) String to,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletResponse response) throws IOException {
        SeriesCollection collection = collections.get(name);
        SeriesFilter filter = collections.filter(name, label);
        ZoneId zone = collection.frequency().zone();
        Instant lower = PointsController.bound("from", from, zone);
        Instant upper = PointsController.bound("to", to, zone);
        boolean ndjson = accept != null && accept.contains(NDJSON);
        response.setContentType(ndjson ? NDJSON : PointsController.TEXT_CSV + ";charset=UTF-8");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        if (!ndjson) {
            out.write("unique_id,ds,y\n");
        }
        for (Series member : collections.members(filter)) {
            String id = ndjson ? json.writeValueAsString(member.uniqueId()) : csvField(member.uniqueId());
            for (Point point : series.points(member.id(), lower, upper)) {
                if (ndjson) {
                    out.write("{\"unique_id\":" + id + ",\"ds\":\"" + point.timestamp() + "\",\"y\":" + point.value()
                            + "}\n");
                } else {
                    out.write(id + "," + point.timestamp() + "," + point.value() + "\n");
                }
            }
        }
        out.flush();
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break. */
    private static String csvField(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    @PostMapping(consumes = {PointsController.TEXT_CSV, MediaType.APPLICATION_JSON_VALUE, NDJSON})
    @Operation(operationId = "uploadCollectionPoints", summary = "Upload points of many series in long format "
            + "(unique_id, ds, y): CSV, a JSON array, or NDJSON",
            description = "The body is streamed into the database, never held whole in memory, in one transaction: "
                    + "if any row is invalid nothing is stored, and the problem lists up to 20 bad rows with their "
                    + "CSV or NDJSON line (JSON array: index), unique_id and reason. A unique_id new to the "
                    + "collection becomes a series on its grid; a point whose timestamp is already stored replaces "
                    + "the stored value; a timestamp given twice for one series in one upload is refused "
                    + "(DUPLICATE_TIMESTAMP). Timestamps without an offset (as pandas writes them) are read in the "
                    + "collection's zone. CSV columns other than the three are ignored. Bounded by "
                    + "tsforge.limits.bulk.max-bytes and .max-series, not by the per-request limits.")
    @ApiResponse(responseCode = "200", description = "How many points were inserted and updated, in how many series")
    @ApiResponse(responseCode = "400", description = "invalid-points (rows listed), invalid-csv (no header or "
            + "broken quoting) or malformed-request (broken JSON)")
    @ApiResponse(responseCode = "404", description = "Unknown collection")
    @ApiResponse(responseCode = "413", description = "Body over tsforge.limits.bulk.max-bytes, or more series than "
            + "tsforge.limits.bulk.max-series; nothing stored")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = PointsController.TEXT_CSV, schema = @Schema(type = "string"),
                    examples = @ExampleObject(value = "unique_id,ds,y\nH1,2024-01-01 00:00:00,605.0\n"
                            + "H1,2024-01-01 01:00:00,586.0\nH2,2024-01-01 00:00:00,3124.0\n")),
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "array"),
                    examples = @ExampleObject(value = "[{\"unique_id\": \"H1\", \"ds\": \"2024-01-01T00:00:00Z\", "
                            + "\"y\": 605.0}, {\"unique_id\": \"H2\", \"ds\": \"2024-01-01T00:00:00Z\", \"y\": 3124}]")),
            @Content(mediaType = NDJSON, schema = @Schema(type = "string"),
                    examples = @ExampleObject(value = "{\"unique_id\": \"H1\", \"ds\": \"2024-01-01\", \"y\": 605.0}\n"
                            + "{\"unique_id\": \"H2\", \"ds\": \"2024-01-01\", \"y\": 3124}\n"))})
    BulkIngestResult upload(@PathVariable String name,
            @Parameter(description = "Name of the id column or key (default unique_id)")
            @RequestParam(required = false) String idColumn,
            @Parameter(description = "Name of the timestamp column or key (default ds)")
            @RequestParam(required = false) String timeColumn,
            @Parameter(description = "Name of the value column or key (default y)")
            @RequestParam(required = false) String valueColumn,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
            HttpServletRequest request) throws IOException {
        BulkFormat format = contentType.isCompatibleWith(MediaType.parseMediaType(PointsController.TEXT_CSV))
                ? BulkFormat.CSV : BulkFormat.JSON;
        return bulk.ingest(name, format, contentType.getCharset() == null ? StandardCharsets.UTF_8
                : contentType.getCharset(), BulkColumns.of(idColumn, timeColumn, valueColumn), request.getInputStream());
    }
}
