package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tsforge.support.ApiClient;
import dev.tsforge.support.Csv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model directory cannot be written (here: a file stands where a directory must be created, which fails even for
 * root, unlike permissions): the training fails with a message that says so, nothing is registered, and the service
 * goes on answering.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class UnwritableModelStoreTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    @DynamicPropertySource
    static void modelDirBehindAFile(DynamicPropertyRegistry registry) throws IOException {
        Path blocker = Files.createTempFile("tsforge-not-a-directory", ".txt");
        blocker.toFile().deleteOnExit();
        registry.add("tsforge.storage.model-dir", () -> blocker.resolve("models").toString());
    }

    @Test
    void theJobFailsClearlyAndTheServiceStaysUp() throws Exception {
        ApiClient api = new ApiClient(mvc, json);
        long seriesId = api.createSeries("P1D", Csv.daily(80, day -> Math.sin(day / 3.0)));
        JsonNode job = api.train(seriesId, "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [4], \"lookback\": 7,"
                + " \"horizon\": 3, \"epochs\": 2}");
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("errorMessage").asString()).contains("Could not write model artifact").contains("models");
        assertThat(job.get("modelId").isNull()).isTrue();
        assertThat(api.get("/api/v1/series/{id}/models", seriesId).size()).isZero();
        mvc.perform(get("/api/v1/series/{id}", seriesId)).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
    }
}
