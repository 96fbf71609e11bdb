package dev.tsforge.forecasting.web;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.forecasting.BatchOutcome;
import dev.tsforge.forecasting.Forecast;
import dev.tsforge.forecasting.ForecastQuery;
import dev.tsforge.forecasting.ForecastService;
import dev.tsforge.web.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/forecasts")
@Tag(name = "Forecasts", description = "Forecasts with prediction intervals, one or many at a time")
class ForecastController {

    private static final String BUSY = "Waited tsforge.forecasting.queue-timeout for its turn among the forecasts "
            + "being computed (forecasts-busy); Retry-After says when to ask again";

    private final ForecastService forecasts;
    private final TsforgeProperties properties;

    ForecastController(ForecastService forecasts, TsforgeProperties properties) {
        this.forecasts = forecasts;
        this.properties = properties;
    }

    @PostMapping(produces = {MediaType.APPLICATION_JSON_VALUE, ForecastCsv.TEXT_CSV})
    @Operation(summary = "Forecast the next steps, with prediction intervals",
            description = "Give seriesId (its champion forecasts from the series' latest points), modelId (that "
                    + "model on its series' latest points), or modelId with values (and lastTimestamp for "
                    + "timestamps). Intervals are conformal: from the model's errors at origins it was not fitted on, "
                    + "per step. Accept: text/csv gives one row per step: step,timestamp,value,lower_80,upper_80,...")
    @ApiResponse(responseCode = "200", description = "The forecast")
    @ApiResponse(responseCode = "400", description = "Invalid horizon, levels or values, or not exactly one target")
    @ApiResponse(responseCode = "404", description = "Unknown series or model")
    @ApiResponse(responseCode = "409", description = "The series has no trained model, or no champion")
    @ApiResponse(responseCode = "422", description = "Too few recent points, or a gap among them")
    @ApiResponse(responseCode = "503", description = BUSY)
    Forecast forecast(@RequestBody ForecastRequest request) {
        return forecasts.forecast(request.toQuery());
    }

    @PostMapping(value = "/batch", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Forecast many targets in one call",
            description = "Each item is a forecast request; each result holds either its forecast or its problem "
                    + "(with the status it would have had alone), so one bad item does not fail the batch. Items of "
                    + "the same model and horizon are forecast together, spread over the cores, so a batch saves "
                    + "the per-request overhead of single requests.")
    @ApiResponse(responseCode = "200", description = "One result per item, in order")
    @ApiResponse(responseCode = "400", description = "No items, or more than tsforge.limits.max-batch-items")
    @ApiResponse(responseCode = "503", description = BUSY)
    BatchResponse batch(@RequestBody BatchRequest request) {
        int max = properties.limits().maxBatchItems();
        if (request.items() == null || request.items().isEmpty() || request.items().size() > max) {
            throw ApiProblemException.invalidField("items", "give between 1 and " + max + " items");
        }
        List<ForecastQuery> queries = new ArrayList<>(request.items().size());
        List<ApiProblemException> unreadable = new ArrayList<>();
        for (ForecastRequest item : request.items()) {
            try {
                queries.add(item == null ? null : item.toQuery());
                unreadable.add(null);
            } catch (ApiProblemException e) {
                queries.add(null);
                unreadable.add(e);
            }
        }
        List<BatchOutcome> outcomes = forecasts.forecastAll(queries);
        List<BatchResponse.Result> results = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            results.add(result(i, unreadable.get(i) != null ? new BatchOutcome.Refused(unreadable.get(i))
                    : outcomes.get(i)));
        }
        long failed = results.stream().filter(r -> r.problem() != null).count();
        return new BatchResponse(results.size(), results.size() - failed, failed, results);
    }

    private static BatchResponse.Result result(int index, BatchOutcome outcome) {
        if (outcome instanceof BatchOutcome.Forecasted forecasted) {
            return new BatchResponse.Result(index, forecasted.forecast(), null);
        }
        if (outcome instanceof BatchOutcome.Refused refused) {
            return new BatchResponse.Result(index, null, refused.problem().getBody());
        }
        // Java 17 has no exhaustive switch over a sealed type; a new outcome kind must be handled above
        throw new IllegalStateException("unhandled batch outcome " + outcome);
    }

    record BatchRequest(List<ForecastRequest> items) {
    }

    record BatchResponse(int items, long succeeded, long failed, List<Result> results) {

        /** Either a forecast or the problem that item alone would have got. */
        record Result(int index, Forecast forecast, ProblemDetail problem) {
        }
    }
}
