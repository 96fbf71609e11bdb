package dev.tsforge.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tsforge.registry.ModelStore;
import dev.tsforge.support.ApiClient;
import dev.tsforge.support.Csv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Backtests that train a new network at every fold run as jobs (202) and register nothing. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class RefitBacktestTests {

    private static final int POINTS = 160;
    private static final String SPEC = "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [8], \"lookback\": 12,"
            + " \"horizon\": 4, \"epochs\": 15, \"learningRate\": 0.01, \"validationFraction\": 0.2}";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    ModelStore store;

    ApiClient api;
    long seriesId;

    @BeforeEach
    void series() throws Exception {
        api = new ApiClient(mvc, json);
        seriesId = api.createSeries("P1D", Csv.daily(POINTS, i -> 20 + 3 * Math.sin(2 * Math.PI * i / 7)));
    }

    private ResultActions backtest(String body) throws Exception {
        return mvc.perform(post("/api/v1/backtests").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private JsonNode read(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }


    @Test
    void aSpecRefittedAtEveryFoldBeatsNaiveAndRegistersNothing() throws Exception {
        JsonNode accepted = read(backtest("{\"seriesId\": " + seriesId + ", \"refit\": true, \"folds\": 3, "
                + "\"spec\": " + SPEC + "}")
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", org.hamcrest.Matchers.matchesPattern(
                        ".*/api/v1/backtest-jobs/\\d+"))));
        assertThat(accepted.get("status").asString()).isEqualTo("QUEUED");
        assertThat(accepted.get("settings").get("folds").asInt()).isEqualTo(3);

        JsonNode job = api.awaitBacktest(accepted.get("id").asLong());
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("foldsDone").asInt()).isEqualTo(3);
        JsonNode result = job.get("result");
        assertThat(result.get("refit").asBoolean()).isTrue();
        assertThat(result.get("modelId").isNull()).as("a spec, not a model").isTrue();
        assertThat(result.get("horizon").asInt()).isEqualTo(4);
        JsonNode folds = result.get("foldResults");
        assertThat(folds.size()).isEqualTo(3);
        Instant lastOrigin = Instant.parse("2024-01-01T00:00:00Z").plus(Duration.ofDays(POINTS - 4));
        assertThat(folds.get(2).get("origin").asString()).isEqualTo(lastOrigin.toString());
        for (JsonNode fold : folds) {
            assertThat(fold.get("seenInTraining").asBoolean()).as("each fold's model never saw it").isFalse();
            assertThat(fold.get("model").get("mae").asDouble()).isFinite().isPositive();
        }
        JsonNode aggregate = result.get("aggregate");
        assertThat(aggregate.get("model").get("mae").asDouble())
                .as("a network on a clean sine beats the last value")
                .isLessThan(aggregate.get("naive").get("mae").asDouble());
        assertThat(aggregate.get("coverage").has("95")).isTrue();

        assertThat(read(mvc.perform(get("/api/v1/series/{id}/models", seriesId))).size())
                .as("nothing registered").isZero();
        assertThat(read(mvc.perform(get("/api/v1/series/{id}/trainings", seriesId))).size())
                .as("not listed among the series' trainings").isZero();
        Path seriesDir = store.resolve("series-" + seriesId);
        if (Files.exists(seriesDir)) {
            try (Stream<Path> left = Files.list(seriesDir)) {
                assertThat(left).as("every fold's network deleted").isEmpty();
            }
        }
    }

    @Test
    void aModelsSpecIsRefittedWhenAskedAndCancelStopsTheJob() throws Exception {
        long modelId = new ApiClient(mvc, json).trainSuccessfully(seriesId, SPEC).get("modelId").asLong();
        JsonNode accepted = read(backtest("{\"modelId\": " + modelId + ", \"refit\": true, \"folds\": 20, "
                + "\"step\": 1}").andExpect(status().isAccepted()));
        assertThat(accepted.get("spec").get("architecture").asString()).isEqualTo("SIMPLE_RNN");
        assertThat(accepted.get("settings").get("modelId").asLong()).isEqualTo(modelId);
        long jobId = accepted.get("id").asLong();
        mvc.perform(post("/api/v1/backtest-jobs/{id}/cancel", jobId)).andExpect(status().isOk());
        JsonNode job = api.awaitBacktest(jobId);
        assertThat(job.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(job.get("result").isNull()).isTrue();
        mvc.perform(post("/api/v1/backtest-jobs/{id}/cancel", jobId)).andExpect(status().isConflict());
        assertThat(read(mvc.perform(get("/api/v1/series/{id}/models", seriesId))).size())
                .as("only the model trained above").isEqualTo(1);
    }

    @Test
    void badRefitRequestsAreRefusedBeforeQueueing() throws Exception {
        backtest("{\"seriesId\": " + seriesId + ", \"refit\": true, \"folds\": 21, \"spec\": " + SPEC + "}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("folds"));
        backtest("{\"seriesId\": " + seriesId + ", \"spec\": " + SPEC + "}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("spec"));
        backtest("{\"seriesId\": " + seriesId + ", \"refit\": true, \"spec\": {\"hiddenSizes\": [0]}}")
                .andExpect(status().isBadRequest());
        backtest("{\"seriesId\": " + seriesId + ", \"refit\": true}")
                .andExpect(status().isConflict());
        backtest("{\"seriesId\": " + seriesId + ", \"refit\": true, \"folds\": 20, \"horizon\": 7, "
                + "\"spec\": {\"lookback\": 100, \"horizon\": 4}}")
                .andExpect(status().isUnprocessableContent())
                // the spec's 4-point holdout, 100-point window and 8 windows, then 20 folds of 7 steps, 7 apart
                .andExpect(jsonPath("$.requiredPoints").value(4 + 100 + 1 - 1 + 8 + 7 + 19 * 7));
        mvc.perform(get("/api/v1/backtest-jobs/{id}", 999_999)).andExpect(status().isNotFound());
    }
}
