package dev.tsforge.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tsforge.support.ApiClient;
import dev.tsforge.support.Csv;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Forecast requests: intervals, CSV, values sent with the request, batches with a bad item. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecastApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;

    long seriesId;
    long modelId;
    List<Double> lastValues = new ArrayList<>();

    private JsonNode body(String uri, String request) throws Exception {
        return json.readTree(mvc.perform(post(uri).contentType(MediaType.APPLICATION_JSON).content(request))
                .andReturn().getResponse().getContentAsString());
    }

    /** Once for the class: no test changes the series or the model, so one training serves them all. */
    @BeforeAll
    void trainedModel() throws Exception {
        ApiClient api = new ApiClient(mvc, json);
        seriesId = api.createSeries("P1D");
        String csv = Csv.daily(120, i -> 10 + Math.sin(i / 2.0));
        for (int i = 110; i < 120; i++) {
            lastValues.add(10 + Math.sin(i / 2.0));
        }
        api.ingestCsv(seriesId, csv);
        modelId = api.trainSuccessfully(seriesId, "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [8], "
                + "\"lookback\": 10, \"horizon\": 4, \"epochs\": 5, \"validationFraction\": 0.3}")
                .get("modelId").asLong();
        // champion or not on its holdout, make it the series' champion so that seriesId forecasts with it
        mvc.perform(post("/api/v1/models/{id}/promote", modelId)).andExpect(status().isOk());
    }

    @Test
    void eachStepHasItsIntervalsWiderAtHigherLevels() throws Exception {
        JsonNode forecast = body("/api/v1/forecasts", "{\"modelId\": " + modelId + ", \"horizon\": 6, "
                + "\"levels\": [95, 50]}");
        assertThat(forecast.get("levels").toString()).isEqualTo("[50.0,95.0]");
        assertThat(forecast.get("input").get("source").asString()).isEqualTo("SERIES");
        assertThat(forecast.get("input").get("missingInSeries").asLong()).isZero();
        for (int step = 0; step < 4; step++) {
            JsonNode point = forecast.get("points").get(step);
            JsonNode narrow = point.get("intervals").get(0);
            JsonNode wide = point.get("intervals").get(1);
            double value = point.get("value").asDouble();
            assertThat(narrow.get("lower").asDouble()).isLessThanOrEqualTo(value);
            assertThat(narrow.get("upper").asDouble()).isGreaterThanOrEqualTo(value);
            assertThat(wide.get("upper").asDouble() - wide.get("lower").asDouble())
                    .isGreaterThanOrEqualTo(narrow.get("upper").asDouble() - narrow.get("lower").asDouble());
        }
        // steps 5 and 6 are beyond the calibrated horizon of 4: their intervals come from the errors of all steps
        // pooled, scaled by the square root of the step, and the response says so
        JsonNode beyond = forecast.get("points").get(5).get("intervals").get(0);
        assertThat(beyond.get("upper").asDouble()).isGreaterThan(beyond.get("lower").asDouble());
        assertThat(forecast.get("intervalNote").isNull()).isTrue();
        assertThat(forecast.get("intervalMethods").toString()).isEqualTo("[{\"level\":50.0,\"method\":"
                + "\"CONFORMAL_POOLED\"},{\"level\":95.0,\"method\":\"CONFORMAL_POOLED\"}]");
    }

    @Test
    void csvHasOneRowPerStepWithBounds() throws Exception {
        String csv = mvc.perform(post("/api/v1/forecasts").contentType(MediaType.APPLICATION_JSON)
                        .accept("text/csv").content("{\"seriesId\": " + seriesId + ", \"horizon\": 3, \"levels\": [80]}"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn().getResponse().getContentAsString();
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("step,timestamp,value,lower_80,upper_80");
        assertThat(lines.get(1)).startsWith("1,2024-04-30T00:00:00Z,");
        assertThat(lines.get(3).split(",")).hasSize(5);
    }

    @Test
    void valuesSentWithTheRequestForecastLikeTheSeriesAndStoreNothing() throws Exception {
        long pointsBefore = jdbc.sql("SELECT COUNT(*) FROM series_point").query(Long.class).single();
        String values = lastValues.toString();
        JsonNode adHoc = body("/api/v1/forecasts", "{\"modelId\": " + modelId + ", \"horizon\": 3, \"values\": "
                + values + ", \"lastTimestamp\": \"2024-04-29T00:00:00Z\"}");
        JsonNode stored = body("/api/v1/forecasts", "{\"modelId\": " + modelId + ", \"horizon\": 3}");
        assertThat(adHoc.get("seriesId").isNull()).isTrue();
        assertThat(adHoc.get("input").get("source").asString()).isEqualTo("REQUEST");
        assertThat(adHoc.get("points").toString()).isEqualTo(stored.get("points").toString());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM series_point").query(Long.class).single()).isEqualTo(pointsBefore);

        JsonNode untimed = body("/api/v1/forecasts", "{\"modelId\": " + modelId + ", \"horizon\": 2, \"values\": "
                + values + "}");
        assertThat(untimed.get("points").get(1).get("step").asInt()).isEqualTo(2);
        assertThat(untimed.get("points").get(1).get("timestamp").isNull()).isTrue();

        mvc.perform(post("/api/v1/forecasts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"modelId\": " + modelId + ", \"horizon\": 2, \"values\": [1, 2, 3]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("values"));
        mvc.perform(post("/api/v1/forecasts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"modelId\": " + modelId + ", \"horizon\": 2, \"levels\": [100]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("levels"));
    }

    @Test
    void concurrentForecastsGiveTheSameNumbersAsSequentialOnes() throws Exception {
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            List<Double> window = new ArrayList<>();
            for (int t = 0; t < 10; t++) {
                window.add(10 + Math.sin((t + i) / 2.0));
            }
            requests.add("{\"modelId\": " + modelId + ", \"horizon\": 6, \"values\": " + window + "}");
        }
        List<String> sequential = new ArrayList<>();
        for (String request : requests) {
            sequential.add(body("/api/v1/forecasts", request).get("points").toString());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String>> results = new ArrayList<>();
            for (int round = 0; round < 25; round++) {
                for (String request : requests) {
                    results.add(pool.submit(() -> body("/api/v1/forecasts", request).get("points").toString()));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).as("request %d", i % requests.size())
                        .isEqualTo(sequential.get(i % requests.size()));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aBadBatchItemGetsItsOwnProblemAndTheOthersTheirForecasts() throws Exception {
        JsonNode batch = body("/api/v1/forecasts/batch", "{\"items\": ["
                + "{\"modelId\": " + modelId + ", \"horizon\": 2},"
                + "{\"modelId\": 999999, \"horizon\": 2},"
                + "{\"modelId\": " + modelId + ", \"horizon\": 0},"
                + "null,"
                + "{\"modelId\": " + modelId + ", \"horizon\": 3, \"values\": " + lastValues + "},"
                + "{\"modelId\": 999999, \"horizon\": 3}]}");
        assertThat(batch.get("items").asInt()).isEqualTo(6);
        assertThat(batch.get("succeeded").asInt()).isEqualTo(2);
        assertThat(batch.get("failed").asInt()).isEqualTo(4);
        JsonNode results = batch.get("results");
        assertThat(results.get(0).get("forecast").get("points").size()).isEqualTo(2);
        assertThat(results.get(1).get("problem").get("status").asInt()).isEqualTo(404);
        assertThat(results.get(2).get("problem").get("type").asString()).isEqualTo("urn:tsforge:problem:invalid-field");
        assertThat(results.get(3).get("problem").get("status").asInt()).isEqualTo(400);
        assertThat(results.get(4).get("forecast").get("points").size()).isEqualTo(3);
        // a model is looked up once per batch; an unknown one fails every item that names it
        assertThat(results.get(5).get("problem").get("status").asInt()).isEqualTo(404);
        // items 0 and 4 shared a model but not a horizon; the batch gives what single requests give
        JsonNode single = body("/api/v1/forecasts", "{\"modelId\": " + modelId + ", \"horizon\": 3, \"values\": "
                + lastValues + "}");
        for (int step = 0; step < 3; step++) {
            assertThat(results.get(4).get("forecast").get("points").get(step).get("value").asDouble())
                    .isCloseTo(single.get("points").get(step).get("value").asDouble(), org.assertj.core.api.Assertions.within(1e-5));
        }

        mvc.perform(post("/api/v1/forecasts/batch").contentType(MediaType.APPLICATION_JSON).content("{\"items\": []}"))
                .andExpect(status().isBadRequest());
    }
}
