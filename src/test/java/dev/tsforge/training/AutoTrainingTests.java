package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tsforge.statistics.Theta;
import dev.tsforge.support.ApiClient;
import dev.tsforge.support.Csv;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * AUTO tries Theta and networks within its budget, registers the best on validation, and says what it tried and how
 * it did.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class AutoTrainingTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    private JsonNode read(org.springframework.test.web.servlet.ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    /**
     * Four years of an irregular monthly season with 3 % noise: with a 6-month holdout and a 6-month validation part,
     * a network may read at most 7 months, less than the season, from some 30 windows; Theta reads all 36 to 48
     * values and divides the season out.
     */
    @Test
    void autoServesThetaWhenNoNetworkForecastsTheValidationPartBetter() throws Exception {
        ApiClient api = new ApiClient(mvc, json);
        long seriesId = api.createSeries("P1M");
        double[] factors = {1.4, 0.7, 1.1, 0.9, 1.3, 0.6, 1.0, 1.2, 0.8, 1.0, 0.9, 1.1};
        java.util.Random noise = new java.util.Random(3);
        double[] values = new double[48];
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < values.length; i++) {
            values[i] = 100 * factors[i % 12] * (1 + 0.03 * noise.nextGaussian());
            csv.append(String.format("%04d-%02d-01T00:00:00Z", 2000 + i / 12, i % 12 + 1)).append(',')
                    .append(values[i]).append('\n');
        }
        api.ingestCsv(seriesId, csv.toString());

        JsonNode job = auto(api, seriesId, "{\"budgetSeconds\": 10, \"horizon\": 6}");
        String outcome = job.get("outcome").asString();
        assertThat(outcome).startsWith("AUTO tried ").contains("THETA (no network) on the last 48 values",
                "so Theta is served rather than a worse network", "lookback 7: validation MASE");

        long modelId = job.get("modelId").asLong();
        JsonNode model = read(mvc.perform(get("/api/v1/models/{id}", modelId)));
        JsonNode spec = model.get("spec");
        assertThat(spec.get("architecture").asString()).isEqualTo("THETA");
        assertThat(spec.get("hiddenSizes")).isEmpty();
        assertThat(spec.get("lookback").asInt()).as("the whole series, under five seasons").isEqualTo(48);
        assertThat(model.get("engine").asString()).contains("Theta");
        assertThat(job.get("spec").toString()).as("the job now shows the winner's spec").isEqualTo(spec.toString());
        JsonNode evaluation = model.get("evaluation");
        assertThat(evaluation.get("model").get("mase").asDouble()).isFinite().isPositive();

        // served like a network: from the series' latest 48 points, with intervals calibrated on unseen origins
        JsonNode forecast = api.postJson("/api/v1/forecasts", "{\"seriesId\": " + seriesId
                + ", \"horizon\": 6, \"levels\": [80]}");
        assertThat(forecast.get("modelId").asLong()).as("champion").isEqualTo(modelId);
        assertThat(forecast.get("input").get("valuesUsed").asInt()).isEqualTo(48);
        double[] expected = Theta.forecast(values, 6, 12);
        for (int step = 0; step < 6; step++) {
            assertThat(expected[step]).as("the season divided out and put back")
                    .isCloseTo(100 * factors[step % 12], within(100 * factors[step % 12] * 0.1));
            JsonNode point = forecast.get("points").get(step);
            assertThat(point.get("value").asDouble()).isCloseTo(expected[step], within(1e-6));
            JsonNode interval = point.get("intervals").get(0);
            assertThat(interval.get("lower").asDouble()).isLessThan(point.get("value").asDouble());
            assertThat(interval.get("upper").asDouble()).isGreaterThan(point.get("value").asDouble());
        }

        // a warm start has nothing to continue; a THETA training is AUTO's to choose
        api.requestTraining(seriesId, "{\"warmStartFrom\": " + modelId + "}")
                .andExpect(status().isBadRequest());
        api.requestTraining(seriesId, "{\"architecture\": \"THETA\"}")
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/series/{id}/auto-trainings", seriesId).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"budgetSeconds\": 1}"))
                .andExpect(status().isBadRequest());
    }

    /** A sine of period 10 on a series declared without a season: Theta sees no season, a network learns it. */
    @Test
    void autoRegistersANetworkWhenOneForecastsTheValidationPartBetter() throws Exception {
        ApiClient api = new ApiClient(mvc, json);
        long seriesId = api.createSeriesFrom("{\"name\": \"sine-10\", \"frequency\": \"PT1H\", \"seasonalPeriod\": 1}");
        java.util.Random noise = new java.util.Random(7);
        api.ingestCsv(seriesId, Csv.hourly(200, i -> 10 + 3 * Math.sin(2 * Math.PI * i / 10) + 0.1 * noise.nextGaussian()));

        JsonNode job = auto(api, seriesId, "{\"budgetSeconds\": 10, \"horizon\": 6}");
        assertThat(job.get("outcome").asString()).contains("THETA (no network)", "beat seasonal naive on validation");
        JsonNode spec = read(mvc.perform(get("/api/v1/models/{id}", job.get("modelId").asLong()))).get("spec");
        assertThat(spec.get("architecture").asString()).isIn("LSTM", "SIMPLE_RNN");
        assertThat(spec.get("lookback").asInt()).as("12 and 24 without a season").isIn(12, 24);
        assertThat(List.of(16, 32)).contains(spec.get("hiddenSizes").get(0).asInt());
    }

    private JsonNode auto(ApiClient api, long seriesId, String body) throws Exception {
        JsonNode accepted = read(mvc.perform(post("/api/v1/series/{id}/auto-trainings", seriesId)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isAccepted()));
        JsonNode job = api.awaitJob(accepted.get("id").asLong());
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        return job;
    }
}
