package dev.tsforge.forecasting.web;

import dev.tsforge.forecasting.Forecast;
import dev.tsforge.forecasting.ForecastService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.tsforge.web.ApiProblemException;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/forecasts")
@Tag(name = "Forecasts", description = "Forecast a series from its latest points")
class ForecastController {

    private final ForecastService forecasts;

    ForecastController(ForecastService forecasts) {
        this.forecasts = forecasts;
    }

    @PostMapping
    @Operation(summary = "Forecast the next steps of a series",
            description = "Reads the series' last lookback points and rolls the model forward one step at a "
                    + "time, each prediction fed back as input. Timestamps continue the series' grid.")
    @ApiResponse(responseCode = "200", description = "The forecast")
    @ApiResponse(responseCode = "400", description = "Missing or invalid horizon, or not exactly one target")
    @ApiResponse(responseCode = "404", description = "Unknown series or model")
    @ApiResponse(responseCode = "409", description = "The series has no trained model")
    @ApiResponse(responseCode = "422", description = "Too few recent points, or a gap among them")
    Forecast forecast(@Valid @RequestBody ForecastRequest request) {
        if ((request.seriesId() == null) == (request.modelId() == null)) {
            throw ApiProblemException.invalidField("seriesId", "give exactly one of seriesId and modelId");
        }
        return request.modelId() != null
                ? forecasts.withModel(request.modelId(), request.horizon())
                : forecasts.forSeries(request.seriesId(), request.horizon());
    }
}
