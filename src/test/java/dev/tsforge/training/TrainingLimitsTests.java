package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tsforge.support.ApiClient;
import dev.tsforge.support.Csv;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The configured bounds on epochs, network size and training time hold, with the setting named. */
@SpringBootTest(properties = {"tsforge.limits.max-epochs=200", "tsforge.limits.max-hidden-units=64",
        "tsforge.limits.max-training-seconds=1"})
@AutoConfigureMockMvc
@ActiveProfiles("test")
class TrainingLimitsTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    @Test
    void epochsNetworkSizeAndTrainingTimeAreBounded() throws Exception {
        ApiClient api = new ApiClient(mvc, json);
        long seriesId = api.createSeries("PT1H", Csv.hourly(400, i -> Math.sin(i / 4.0)));
        api.requestTraining(seriesId, "{\"epochs\": 201}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("epochs"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("tsforge.limits.max-epochs")));
        api.requestTraining(seriesId, "{\"hiddenSizes\": [40, 40]}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("hiddenSizes"));
        api.requestTraining(seriesId, "{\"hiddenSizes\": [40], \"bidirectional\": true}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("80 recurrent units")));

        JsonNode job = api.train(seriesId, "{\"architecture\": \"LSTM\", \"hiddenSizes\": [64], \"lookback\": 48,"
                + " \"horizon\": 12, \"epochs\": 200, \"batchSize\": 8, \"earlyStoppingPatience\": 0}");
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("errorMessage").asString()).contains("tsforge.limits.max-training-seconds (1 s)");
        assertThat(job.get("epoch").asInt()).as("stopped long before its 200 epochs").isLessThan(200);
    }
}
