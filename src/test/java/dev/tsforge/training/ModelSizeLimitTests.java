package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;

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

/** A model bigger than the store takes fails its training, saying how big it was and which setting bounds it. */
@SpringBootTest(properties = "tsforge.storage.max-model-bytes=1024")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ModelSizeLimitTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    @Test
    void aModelOverTheBoundFailsItsTrainingClearly() throws Exception {
        ApiClient api = new ApiClient(mvc, json);
        long seriesId = api.createSeries("P1D", Csv.daily(80, day -> Math.sin(day / 3.0)));
        JsonNode job = api.train(seriesId, "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [4], \"lookback\": 7,"
                + " \"horizon\": 3, \"epochs\": 2}");
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("errorMessage").asString()).contains("more than the 1024 bytes")
                .contains("tsforge.storage.max-model-bytes");
        assertThat(job.get("modelId").isNull()).isTrue();
        assertThat(api.get("/api/v1/series/{id}/models", seriesId).size()).isZero();
    }
}
