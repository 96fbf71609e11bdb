package dev.tsforge.forecasting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.Csv;
import dev.tsforge.support.HttpApi;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * A recursive network that has learned "one less each hour" on a series that falls to 1 and has never been negative
 * runs below zero within a few steps of the horizon. Every way to forecast serves its fallback instead (seasonal
 * naive for a model trained without AUTO), at or above zero, and says so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DivergenceGuardTests {

    private static final String JSON = "application/json";

    @LocalServerPort
    int port;

    @Test
    void aDivergingForecastFallsBackEverywhereAndStaysAtOrAboveZero() throws Exception {
        HttpApi api = HttpApi.localhost(port);
        long seriesId = api.createSeries("falling", "PT1H");
        api.ingestCsv(seriesId, Csv.hourly(120, i -> 120 - i));
        long jobId = api.startTraining(seriesId, "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [8], "
                + "\"lookback\": 6, \"horizon\": 4, \"epochs\": 60, \"normalization\": \"LAST_VALUE\", "
                + "\"learningRate\": 0.01}");
        JsonNode job = api.awaitJobStatus(jobId, Duration.ofMinutes(3), "SUCCEEDED");
        long modelId = job.get("modelId").asLong();

        List<JsonNode> forecasts = new ArrayList<>();
        forecasts.add(ok(api.post("/api/v1/forecasts", JSON, "{\"modelId\": " + modelId + ", \"horizon\": 24}")));
        forecasts.add(ok(api.post("/api/v1/forecasts", JSON, "{\"modelId\": " + modelId + ", \"horizon\": 24, "
                + "\"values\": [8, 7, 6, 5, 4, 3, 2, 1]}")));
        JsonNode batch = ok(api.post("/api/v1/forecasts/batch", JSON, "{\"items\": [{\"modelId\": " + modelId
                + ", \"horizon\": 24}]}"));
        forecasts.add(batch.get("results").get(0).get("forecast"));
        for (JsonNode forecast : forecasts) {
            assertThat(forecast.get("fallback").isObject()).as(forecast.toString()).isTrue();
            assertThat(forecast.get("fallback").get("method").asString()).isEqualTo("NAIVE");
            assertThat(forecast.get("fallback").get("reason").asString()).contains("diverged", "outside the "
                    + "plausible range");
            for (JsonNode point : forecast.get("points")) {
                assertThat(point.get("value").asDouble()).as("naive: the last value, 1").isEqualTo(1.0);
                for (JsonNode interval : point.get("intervals")) {
                    assertThat(interval.get("lower").asDouble()).as("never below zero").isGreaterThanOrEqualTo(0);
                }
            }
            assertThat(forecast.get("intervalMethods").findValues("method")).extracting(JsonNode::asString)
                    .as("the model's calibration does not describe its fallback's errors")
                    .containsOnly("SEASONAL_NAIVE_RESIDUALS");
        }

        HttpResponse<String> text = api.postAccepting("/api/v1/forecasts", "{\"modelId\": " + modelId
                + ", \"horizon\": 24}", "text/csv");
        assertThat(text.statusCode()).as(text.body()).isEqualTo(200);
        assertThat(text.body().lines().skip(1).map(line -> Double.parseDouble(line.split(",")[2])))
                .as("CSV: the same fallback values").hasSize(24).containsOnly(1.0);

        HttpResponse<String> chart = api.get("/api/v1/series/" + seriesId + "/chart.png?forecast=true&horizon=24");
        assertThat(chart.statusCode()).as(chart.body()).isEqualTo(200);
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return HttpApi.localhost(0).json(response);
    }
}
