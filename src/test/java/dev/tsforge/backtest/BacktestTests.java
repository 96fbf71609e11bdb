package dev.tsforge.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tsforge.support.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Rolling-origin backtests: folds where they should be, baselines as computed by hand, interval coverage. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class BacktestTests {

    private static final int POINTS = 150;

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    private static double value(int i) {
        return 20 + 3 * Math.sin(2 * Math.PI * i / 12) + (i % 5) * 0.1;
    }

    private JsonNode read(org.springframework.test.web.servlet.ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    @Test
    void foldsAreTheLastOriginsAndBaselinesMatchAHandComputation() throws Exception {
        ApiClient api = new ApiClient(mvc, json);
        long seriesId = api.createSeries("P1M");
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < POINTS; i++) {
            csv.append(String.format("%04d-%02d-01T00:00:00Z", 2000 + i / 12, i % 12 + 1)).append(',')
                    .append(value(i)).append('\n');
        }
        api.ingestCsv(seriesId, csv.toString());
        long modelId = api.trainSuccessfully(seriesId, "{\"architecture\": \"LSTM\", \"hiddenSizes\": [8], "
                + "\"lookback\": 12, \"horizon\": 4, \"epochs\": 10, \"validationFraction\": 0.2}")
                .get("modelId").asLong();

        JsonNode backtest = read(mvc.perform(post("/api/v1/backtests").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"modelId\": " + modelId + ", \"folds\": 3, \"step\": 2}"))
                .andExpect(status().isOk()));
        assertThat(backtest.get("horizon").asInt()).as("the model's horizon by default").isEqualTo(4);
        assertThat(backtest.get("seasonalPeriod").asInt()).isEqualTo(12);
        JsonNode folds = backtest.get("foldResults");
        assertThat(folds.size()).isEqualTo(3);
        for (int fold = 0; fold < 3; fold++) {
            int origin = POINTS - 4 - (2 - fold) * 2;
            JsonNode result = folds.get(fold);
            assertThat(result.get("origin").asString())
                    .isEqualTo(String.format("%04d-%02d-01T00:00:00Z", 2000 + origin / 12, origin % 12 + 1));
            double naive = 0;
            double seasonal = 0;
            for (int k = 0; k < 4; k++) {
                naive += Math.abs(value(origin + k) - value(origin - 1));
                seasonal += Math.abs(value(origin + k) - value(origin + k - 12));
            }
            assertThat(result.get("naive").get("mae").asDouble()).isCloseTo(naive / 4, within(1e-9));
            assertThat(result.get("seasonalNaive").get("mae").asDouble()).isCloseTo(seasonal / 4, within(1e-9));
            assertThat(result.get("model").get("mae").asDouble()).isFinite();
            assertThat(result.get("coverage").get("95").isNumber()).as("the model is calibrated at 95%").isTrue();
            assertThat(result.get("coverage").get("95").asDouble()).isBetween(0.0, 1.0);
        }
        // the holdout is the last 4 months: only the last fold's origin lies after the training data
        assertThat(folds.get(0).get("seenInTraining").asBoolean()).isTrue();
        assertThat(folds.get(2).get("seenInTraining").asBoolean()).isFalse();
        JsonNode aggregate = backtest.get("aggregate");
        double meanNaive = (folds.get(0).get("naive").get("mae").asDouble() + folds.get(1).get("naive").get("mae")
                .asDouble() + folds.get(2).get("naive").get("mae").asDouble()) / 3;
        assertThat(aggregate.get("naive").get("mae").asDouble()).isCloseTo(meanNaive, within(1e-9));
        assertThat(aggregate.get("beatsNaive").asBoolean())
                .isEqualTo(aggregate.get("model").get("mae").asDouble() < meanNaive);

        mvc.perform(post("/api/v1/backtests").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"modelId\": " + modelId + ", \"folds\": 100}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("urn:tsforge:problem:series-too-short"));
        mvc.perform(post("/api/v1/backtests").contentType(MediaType.APPLICATION_JSON).content("{\"folds\": 2}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/backtests").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"seriesId\": 999999}"))
                .andExpect(status().isNotFound());
    }
}
