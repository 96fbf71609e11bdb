package dev.tsforge.registry;

import static dev.tsforge.support.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.support.ApiClient;
import dev.tsforge.support.Csv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Models stored in the database (the default): the artifact is a row written with the registry's, the file written
 * during training is gone once it is registered, and a model whose stored bytes are missing or damaged answers a
 * problem that names it and the cause, shows in the {@code models} health component, and leaves the probes UP.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@SuppressWarnings("unchecked")
class ModelArtifactStoreTests {

    private static final String SPEC = "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [4], \"lookback\": 7,"
            + " \"horizon\": 3, \"epochs\": 2}";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ModelsHealthIndicator health;
    @Autowired
    TsforgeProperties properties;

    ApiClient api;
    long seriesId;

    @BeforeEach
    void series() throws Exception {
        api = new ApiClient(mvc, json);
        seriesId = api.createSeries("P1D", Csv.daily(80, day -> Math.sin(day / 3.0)));
    }

    @Test
    void theArtifactIsARowAndNoFileIsLeftBehind() throws Exception {
        long modelId = api.trainSuccessfully(seriesId, SPEC).get("modelId").asLong();

        byte[] stored = storedBytes(modelId);
        JsonMapper plain = JsonMapper.builder().build();
        String checksum = plain.readTree(mvc.perform(get("/api/v1/models/{id}", modelId)).andReturn().getResponse()
                .getContentAsString()).get("checksumSha256").asString();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored))).isEqualTo(checksum);
        byte[] downloaded = mvc.perform(get("/api/v1/models/{id}/artifact", modelId)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(downloaded).isEqualTo(stored);
        Path dir = properties.storage().modelDir();
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                assertThat(files.filter(Files::isRegularFile).toList()).as("the written file went with the commit")
                        .isEmpty();
            }
        }
        forecast(modelId).andExpect(status().isOk());
    }

    /**
     * Documents whose size grows with what a user declares have no column length to outgrow: a holdout evaluation
     * with the effects of 60 covariates (about 6 KB of JSON; the column once held 4,000 characters) and an AUTO
     * outcome of 6,000 characters are stored and read back whole.
     */
    @Test
    void documentsThatGrowWithWhatAUserDeclaresAreStoredWhole() throws Exception {
        JsonNode job = api.trainSuccessfully(seriesId, SPEC);
        long modelId = job.get("modelId").asLong();
        JsonMapper plain = JsonMapper.builder().build();
        ObjectNode evaluation = (ObjectNode) plain.readTree(jdbc.sql(
                "SELECT evaluation FROM model_version WHERE id = :id").param("id", modelId).query(String.class).single());
        ArrayNode effects = evaluation.putArray("covariateEffects");
        for (int i = 0; i < 60; i++) {
            effects.addObject().put("covariate", "temperature_at_weather_station_" + i).put("kind", "SERIES")
                    .put("mae", 1.25 + i).put("permutedMae", 2.5 + i);
        }
        String document = plain.writeValueAsString(evaluation);
        assertThat(document.length()).isGreaterThan(4000);
        jdbc.sql("UPDATE model_version SET evaluation = :evaluation WHERE id = :id").param("evaluation", document)
                .param("id", modelId).update();
        String outcome = "AUTO scored 40 candidate(s): " + "LSTM [32] lookback 24: MASE 0.812; ".repeat(170)
                + "The winner is a COMBINATION.";
        assertThat(outcome.length()).isGreaterThan(6000);
        jdbc.sql("UPDATE training_job SET outcome = :outcome WHERE id = :id").param("outcome", outcome)
                .param("id", job.get("id").asLong()).update();

        assertThat(jdbc.sql("SELECT evaluation FROM model_version WHERE id = :id").param("id", modelId)
                .query(String.class).single()).isEqualTo(document);
        JsonNode read = plain.readTree(mvc.perform(get("/api/v1/training-jobs/{id}", job.get("id").asLong()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(read.get("outcome").asString()).isEqualTo(outcome);
    }

    @Test
    void missingBytesAnswerANamedProblemAndShowInHealthButNotInTheProbes() throws Exception {
        long modelId = api.trainSuccessfully(seriesId, SPEC).get("modelId").asLong();
        jdbc.sql("DELETE FROM model_artifact WHERE model_id = :id").param("id", modelId).update();

        forecast(modelId).andExpect(problem(409, "model-unavailable"))
                .andExpect(jsonPath("$.modelId").value(modelId))
                .andExpect(jsonPath("$.seriesId").value(seriesId))
                .andExpect(jsonPath("$.cause").value("the database holds no artifact for it"))
                .andExpect(jsonPath("$.detail").value(startsWith("Model " + modelId + " of series")));
        mvc.perform(get("/api/v1/models/{id}/artifact", modelId)).andExpect(problem(409, "model-unavailable"));

        Health models = health.health();
        assertThat(models.getStatus()).isEqualTo(Status.DOWN);
        assertThat((Map<Object, Object>) models.getDetails().get("unavailable")).containsEntry(modelId,
                "the database holds no artifact for it");
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());

        mvc.perform(delete("/api/v1/models/{id}",
                modelId)).andExpect(status().is2xxSuccessful());
        assertThat((Map<Object, Object>) health.health().getDetails().get("unavailable")).doesNotContainKey(modelId);
    }

    @Test
    void corruptBytesAnswerANamedProblem() throws Exception {
        long modelId = api.trainSuccessfully(seriesId, SPEC).get("modelId").asLong();
        byte[] damaged = storedBytes(modelId);
        damaged[damaged.length / 2] ^= 0x5a;
        jdbc.sql("UPDATE model_artifact SET bytes = :bytes WHERE model_id = :id").param("bytes", damaged)
                .param("id", modelId).update();

        forecast(modelId).andExpect(problem(409, "model-unavailable"))
                .andExpect(jsonPath("$.modelId").value(modelId))
                .andExpect(jsonPath("$.cause").value(startsWith("its artifact is corrupt")));
        assertThat((Map<Object, Object>) health.health().getDetails().get("unavailable")).containsKey(modelId);
    }

    private byte[] storedBytes(long modelId) {
        return jdbc.sql("SELECT bytes FROM model_artifact WHERE model_id = :id").param("id", modelId)
                .query((rs, row) -> rs.getBytes(1)).single();
    }

    private ResultActions forecast(long modelId) throws Exception {
        return mvc.perform(post("/api/v1/forecasts").contentType(MediaType.APPLICATION_JSON)
                .content("{\"modelId\": " + modelId + ", \"horizon\": 3}"));
    }
}
