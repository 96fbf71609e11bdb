package dev.tsforge.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tsforge.support.ApiClient;
import dev.tsforge.support.Csv;
import java.time.Duration;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each gap policy does what it says in training and in forecasts, and no policy trains silently across a gap. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class GapPolicyTests {

    /** 120 days; days 40 to 44 and day 105 are missing. */
    private static final Set<Integer> MISSING = Set.of(40, 41, 42, 43, 44, 105);
    private static final String SPEC = "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [4], \"lookback\": 10, "
            + "\"horizon\": 3, \"epochs\": 2, \"validationFraction\": 0, \"gapPolicy\": \"%s\"}";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    ApiClient api;
    long seriesId;

    private JsonNode read(org.springframework.test.web.servlet.ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    @BeforeEach
    void seriesWithGaps() throws Exception {
        api = new ApiClient(mvc, json);
        seriesId = api.createSeries("P1D", Csv.points(Csv.JAN_1_2024, Duration.ofDays(1),
                IntStream.range(0, 120).filter(day -> !MISSING.contains(day)), day -> Math.sin(day / 3.0)));
    }

    private JsonNode train(String policy) throws Exception {
        JsonNode job = api.trainSuccessfully(seriesId, SPEC.formatted(policy));
        return api.get("/api/v1/models/{id}", job.get("modelId").asLong());
    }

    /** After training: day 121 arrives and day 120 never does, so the latest input window has a gap. */
    private void laterPointAfterAGap() throws Exception {
        mvc.perform(post("/api/v1/series/{id}/points", seriesId).contentType("text/csv")
                        .content("timestamp,value\n2024-05-01T00:00:00Z,0.5\n"))
                .andExpect(status().isOk());
    }

    private org.springframework.test.web.servlet.ResultActions forecast(long modelId) throws Exception {
        return mvc.perform(post("/api/v1/forecasts").contentType(MediaType.APPLICATION_JSON)
                .content("{\"modelId\": " + modelId + ", \"horizon\": 3}"));
    }

    @Test
    void rejectRefusesASeriesWithGaps() throws Exception {
        api.requestTraining(seriesId, SPEC.formatted("REJECT"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("urn:tsforge:problem:series-has-gaps"))
                .andExpect(jsonPath("$.missingPoints").value(6));
    }

    @Test
    void splitLearnsOnlyInsideRunsAndRefusesAGappedInputWindow() throws Exception {
        JsonNode model = train("SPLIT");
        // runs: days 0-39 (40 points), 45-104 (60), 106-119 (14, of which the last 3 are the holdout)
        assertThat(model.get("windowCount").asInt()).isEqualTo(30 + 50 + 1);
        forecast(model.get("id").asLong()).andExpect(status().isOk());
        laterPointAfterAGap();
        forecast(model.get("id").asLong())
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("urn:tsforge:problem:gap-in-window"));
    }

    @Test
    void linearAndForwardFillLearnOnTheFilledGridAndSayWhatTheyFilled() throws Exception {
        long linear = train("LINEAR").get("id").asLong();
        JsonNode filled = train("FORWARD_FILL");
        // 120 grid days less the 3-day holdout, less a 10-day lookback
        assertThat(filled.get("windowCount").asInt()).isEqualTo(117 - 10);
        laterPointAfterAGap();
        for (long modelId : new long[] {linear, filled.get("id").asLong()}) {
            JsonNode forecast = read(forecast(modelId).andExpect(status().isOk()));
            assertThat(forecast.get("input").get("imputedValues").asInt()).as("day 120 in the window").isEqualTo(1);
            assertThat(forecast.get("input").get("missingInSeries").asInt()).isEqualTo(7);
            assertThat(forecast.get("input").get("to").asString()).isEqualTo("2024-05-01T00:00:00Z");
            assertThat(forecast.get("input").get("gapHandling").asString()).matches("(LINEAR|FORWARD_FILL).*");
        }
    }

    @Test
    void maskLearnsAcrossGapsWithoutFillingAndMasksTheInputsGap() throws Exception {
        JsonNode model = train("MASK");
        // 117 training grid days give 107 windows of 10 + 1; 8 of them end on or predict a missing day
        assertThat(model.get("windowCount").asInt()).isEqualTo(107 - 8);
        assertThat(model.get("evaluation").get("model").get("mae").asDouble()).isFinite();
        laterPointAfterAGap();
        JsonNode forecast = read(forecast(model.get("id").asLong()).andExpect(status().isOk()));
        JsonNode input = forecast.get("input");
        assertThat(input.get("maskedValues").asInt()).as("day 120 in the window").isEqualTo(1);
        assertThat(input.get("imputedValues").asInt()).as("nothing made up").isZero();
        assertThat(input.get("gapHandling").asString()).startsWith("MASK");
        assertThat(input.get("from").asString()).isEqualTo("2024-04-22T00:00:00Z");
        forecast.get("points").forEach(point -> assertThat(point.get("value").asDouble()).isFinite());
    }
}
