package dev.tsforge.charts.web;

import dev.tsforge.charts.Chart;
import dev.tsforge.charts.ChartFormat;
import dev.tsforge.charts.ChartService;
import dev.tsforge.charts.SeriesChartQuery;
import dev.tsforge.series.PointBatchValidator;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Charts as images. Each chart has three paths: without an extension the {@code Accept} header picks PNG or
 * SVG; {@code .png} and {@code .svg} pick it outright, for an {@code <img src>} or a link.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Charts", description = "PNG and SVG charts of series with forecasts and intervals, loss curves and "
        + "backtests")
class ChartController {

    private static final String FORMATS = " The format is image/png or image/svg+xml: by the path's extension "
            + "(.png, .svg), else by the Accept header (PNG for */* or none).";

    private final ChartService charts;

    ChartController(ChartService charts) {
        this.charts = charts;
    }

    /** The 200 response of every chart, in both formats, and the errors every chart shares. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "200", description = "The chart", content = {
        @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
        @Content(mediaType = "image/svg+xml", schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "400", description = "width or height outside 200 to tsforge.charts.max-width / "
            + "max-height, or another invalid parameter (named in errors)")
    @ApiResponse(responseCode = "406", description = "Accept admits neither image/png nor image/svg+xml")
    @interface ChartResponses {
    }

    @GetMapping({"/series/{id}/chart", "/series/{id}/chart.png", "/series/{id}/chart.svg"})
    @Operation(summary = "Chart of a series: history, holdout actuals, and optionally a forecast with interval bands",
            description = "Draws the series' points (all, from/to, or the last `last`). When the series has a champion "
                    + "or `modelId` names a model, the points that model held out of training are marked. With "
                    + "`forecast=true` the model (the champion unless `modelId`) forecasts `horizon` steps from the "
                    + "end of the series, drawn with its prediction intervals as shaded bands." + FORMATS)
    @ChartResponses
    @ApiResponse(responseCode = "404", description = "Unknown series or model")
    @ApiResponse(responseCode = "409", description = "forecast=true but the series has no champion")
    @ApiResponse(responseCode = "422", description = "The forecast's input is too short or has a gap")
    ResponseEntity<byte[]> series(@PathVariable long id,
            @Parameter(description = "First point shown (inclusive), ISO-8601") @RequestParam(required = false)
            String from,
            @Parameter(description = "Last point shown (inclusive), ISO-8601") @RequestParam(required = false)
            String to,
            @Parameter(description = "Show only the latest this many points (not with from/to)")
            @RequestParam(required = false) Integer last,
            @Parameter(description = "Draw a forecast from the end of the series")
            @RequestParam(defaultValue = "false") boolean forecast,
            @Parameter(description = "The model to mark the holdout of and forecast with; default the champion")
            @RequestParam(required = false) Long modelId,
            @Parameter(description = "Forecast steps; default the model's horizon")
            @RequestParam(required = false) Integer horizon,
            @Parameter(description = "Interval levels in percent, e.g. 80,95 (the default)")
            @RequestParam(required = false) List<Double> levels,
            @Parameter(description = "Width in pixels (default 900)") @RequestParam(required = false) Integer width,
            @Parameter(description = "Height in pixels (default 450)") @RequestParam(required = false) Integer height,
            HttpServletRequest request) {
        SeriesChartQuery query = new SeriesChartQuery(bound("from", from), bound("to", to), last, forecast, modelId,
                horizon, levels);
        return send(charts.series(id, query, format(request), width, height));
    }

    @GetMapping({"/training-jobs/{id}/loss-chart", "/training-jobs/{id}/loss-chart.png",
        "/training-jobs/{id}/loss-chart.svg"})
    @Operation(summary = "Loss curve of a training job: training and validation loss per epoch",
            description = "Drawn from the epochs finished so far, so it grows while the job runs (poll it beside "
                    + "GET /training-jobs/{id})." + FORMATS)
    @ChartResponses
    @ApiResponse(responseCode = "404", description = "Unknown training job")
    ResponseEntity<byte[]> trainingLoss(@PathVariable long id,
            @Parameter(description = "Logarithmic loss axis") @RequestParam(defaultValue = "false") boolean logScale,
            @Parameter(description = "Width in pixels (default 900)") @RequestParam(required = false) Integer width,
            @Parameter(description = "Height in pixels (default 450)") @RequestParam(required = false) Integer height,
            HttpServletRequest request) {
        return send(charts.trainingLoss(id, logScale, format(request), width, height));
    }

    @GetMapping({"/models/{id}/loss-chart", "/models/{id}/loss-chart.png", "/models/{id}/loss-chart.svg"})
    @Operation(summary = "Loss curve of the training that made a model", description = FORMATS)
    @ChartResponses
    @ApiResponse(responseCode = "404", description = "Unknown model, or an imported one (its curve is elsewhere)")
    ResponseEntity<byte[]> modelLoss(@PathVariable long id,
            @Parameter(description = "Logarithmic loss axis") @RequestParam(defaultValue = "false") boolean logScale,
            @Parameter(description = "Width in pixels (default 900)") @RequestParam(required = false) Integer width,
            @Parameter(description = "Height in pixels (default 450)") @RequestParam(required = false) Integer height,
            HttpServletRequest request) {
        return send(charts.modelLoss(id, logScale, format(request), width, height));
    }

    @GetMapping({"/models/{id}/backtest-chart", "/models/{id}/backtest-chart.png", "/models/{id}/backtest-chart.svg"})
    @Operation(summary = "Backtest of a model, drawn: the actual series and each fold's forecast",
            description = "Runs the same backtest as POST /backtests without refit (the last `folds` origins, "
                    + "`step` apart, `horizon` steps each) and draws it; the legend gives each fold's MAE." + FORMATS)
    @ChartResponses
    @ApiResponse(responseCode = "404", description = "Unknown model")
    @ApiResponse(responseCode = "422", description = "Too little consecutive recent history for the folds")
    ResponseEntity<byte[]> backtest(@PathVariable long id,
            @Parameter(description = "Folds, 1 to 100 (default 5)") @RequestParam(required = false) Integer folds,
            @Parameter(description = "Steps per fold; default the model's horizon")
            @RequestParam(required = false) Integer horizon,
            @Parameter(description = "Steps between origins; default the horizon")
            @RequestParam(required = false) Integer step,
            @Parameter(description = "Width in pixels (default 900)") @RequestParam(required = false) Integer width,
            @Parameter(description = "Height in pixels (default 450)") @RequestParam(required = false) Integer height,
            HttpServletRequest request) {
        return send(charts.backtest(id, folds, horizon, step, format(request), width, height));
    }

    @GetMapping({"/series/{id}/live-accuracy-chart", "/series/{id}/live-accuracy-chart.png",
        "/series/{id}/live-accuracy-chart.svg"})
    @Operation(summary = "How a series' recorded forecasts did since they went live, drawn",
            description = "Per model, the absolute error of its recorded forecasts at each target whose actual "
                    + "arrived, beside seasonal naive's; the subtitle gives the window's MAE and any drift flag "
                    + "(GET /series/{id}/live-accuracy has the numbers)." + FORMATS)
    @ChartResponses
    @ApiResponse(responseCode = "404", description = "Unknown series")
    ResponseEntity<byte[]> liveAccuracy(@PathVariable long id,
            @Parameter(description = "Width in pixels (default 900)") @RequestParam(required = false) Integer width,
            @Parameter(description = "Height in pixels (default 450)") @RequestParam(required = false) Integer height,
            HttpServletRequest request) {
        return send(charts.liveAccuracy(id, format(request), width, height));
    }

    private static ChartFormat format(HttpServletRequest request) {
        return ChartFormat.resolve(request.getRequestURI(), request.getHeader(HttpHeaders.ACCEPT));
    }

    private static ResponseEntity<byte[]> send(Chart chart) {
        // the same URL draws newer data later (a running job, new points): let caches revalidate every time
        return ResponseEntity.ok()
                .contentType(chart.format().mediaType())
                .cacheControl(CacheControl.noCache())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                .body(chart.bytes());
    }

    private static Instant bound(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant parsed = PointBatchValidator.parseTimestamp(text);
        if (parsed == null) {
            throw new ApiProblemException(ProblemType.INVALID_PARAMETER, "Parameter '" + name + "' must be an "
                    + "ISO-8601 date-time with offset or a date, got '" + text + "'", Map.of("parameter", name));
        }
        return parsed;
    }
}
