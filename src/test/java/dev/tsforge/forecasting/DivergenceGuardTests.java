package dev.tsforge.forecasting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.Csv;
import dev.tsforge.support.HttpApi;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * A recursive network that has learned "one less each hour" on a series that falls to 1 and has never been negative
 * runs below zero within a few steps of the horizon. Every way to forecast serves its fallback instead (seasonal
 * naive for a model trained without AUTO), at or above zero, and says so. The fallback reads more of the series than
 * the model's six values: a season before needs a day of hours.
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
        long modelId = trainFalling(api, seriesId);

        // the model reads 6 values; from its series its fallback reads two days, from 8 values sent only those
        List<JsonNode> fromSeries = new ArrayList<>();
        fromSeries.add(ok(api.post("/api/v1/forecasts", JSON, "{\"modelId\": " + modelId + ", \"horizon\": 24}")));
        JsonNode batch = ok(api.post("/api/v1/forecasts/batch", JSON, "{\"items\": [{\"modelId\": " + modelId
                + ", \"horizon\": 24}]}"));
        fromSeries.add(batch.get("results").get(0).get("forecast"));
        for (JsonNode forecast : fromSeries) {
            assertFallback(forecast, "SEASONAL_NAIVE");
            JsonNode points = forecast.get("points");
            for (int i = 0; i < 24; i++) {
                assertThat(points.get(i).get("value").asDouble()).as("the day before: 24 down to 1")
                        .isEqualTo(24.0 - i);
            }
        }
        JsonNode sent = ok(api.post("/api/v1/forecasts", JSON, "{\"modelId\": " + modelId + ", \"horizon\": 24, "
                + "\"values\": [8, 7, 6, 5, 4, 3, 2, 1]}"));
        assertFallback(sent, "NAIVE");
        assertThat(sent.get("points").findValues("value")).extracting(JsonNode::asDouble)
                .as("naive: the last value sent, 1").hasSize(24).containsOnly(1.0);

        HttpResponse<String> text = api.postAccepting("/api/v1/forecasts", "{\"modelId\": " + modelId
                + ", \"horizon\": 24}", "text/csv");
        assertThat(text.statusCode()).as(text.body()).isEqualTo(200);
        assertThat(text.body().lines().skip(1).map(line -> Double.parseDouble(line.split(",")[2])))
                .as("CSV: the same fallback values").containsExactly(24.0, 23.0, 22.0, 21.0, 20.0, 19.0, 18.0, 17.0,
                        16.0, 15.0, 14.0, 13.0, 12.0, 11.0, 10.0, 9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0);

        HttpResponse<String> chart = api.get("/api/v1/series/" + seriesId + "/chart.png?forecast=true&horizon=24");
        assertThat(chart.statusCode()).as(chart.body()).isEqualTo(200);
    }

    /**
     * The same fall with two hours missing 40 hours before its end: the fallback reads back to the gap, not across
     * it (the model's policy, SPLIT, fills nothing), and 40 hours still hold the day before.
     */
    @Test
    void theFallbackReadsBackToAGapNotAcrossIt() throws Exception {
        HttpApi api = HttpApi.localhost(port);
        long seriesId = api.createSeries("falling-with-a-gap", "PT1H");
        api.ingestCsv(seriesId, Csv.points(Csv.JAN_1_2024, Duration.ofHours(1),
                IntStream.range(0, 120).filter(i -> i != 78 && i != 79), i -> 120 - i));
        long modelId = trainFalling(api, seriesId);

        JsonNode forecast = ok(api.post("/api/v1/forecasts", JSON, "{\"modelId\": " + modelId + ", \"horizon\": 24}"));
        assertFallback(forecast, "SEASONAL_NAIVE");
        assertThat(forecast.get("fallback").get("reason").asString())
                .endsWith("(the fallback read the latest 40 values)");
        JsonNode input = forecast.get("input");
        assertThat(input.get("valuesUsed").asInt()).as("the input says what the fallback read").isEqualTo(40);
        assertThat(input.get("from").asString()).as("the hour after the gap").isEqualTo("2024-01-04T08:00:00Z");
        assertThat(input.get("to").asString()).isEqualTo("2024-01-05T23:00:00Z");
        assertThat(input.get("imputedValues").asInt()).isZero();
        JsonNode points = forecast.get("points");
        for (int i = 0; i < 24; i++) {
            assertThat(points.get(i).get("value").asDouble()).as("the day before: 24 down to 1").isEqualTo(24.0 - i);
        }
    }

    /** A recursive network that learns "one less each hour", reading six values: its forecast runs below zero. */
    private static long trainFalling(HttpApi api, long seriesId) throws Exception {
        long jobId = api.startTraining(seriesId, "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [8], "
                + "\"lookback\": 6, \"horizon\": 4, \"epochs\": 60, \"normalization\": \"LAST_VALUE\", "
                + "\"learningRate\": 0.01}");
        return api.awaitJobStatus(jobId, Duration.ofMinutes(3), "SUCCEEDED").get("modelId").asLong();
    }

    private static void assertFallback(JsonNode forecast, String method) {
        assertThat(forecast.get("fallback").isObject()).as(forecast.toString()).isTrue();
        assertThat(forecast.get("fallback").get("method").asString()).isEqualTo(method);
        assertThat(forecast.get("fallback").get("reason").asString()).contains("diverged", "outside the "
                + "plausible range");
        for (JsonNode point : forecast.get("points")) {
            for (JsonNode interval : point.get("intervals")) {
                assertThat(interval.get("lower").asDouble()).as("never below zero").isGreaterThanOrEqualTo(0);
            }
        }
        assertThat(forecast.get("intervalMethods").findValues("method")).extracting(JsonNode::asString)
                .as("the model's calibration does not describe its fallback's errors")
                .containsOnly("SEASONAL_NAIVE_RESIDUALS");
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return HttpApi.localhost(0).json(response);
    }
}
