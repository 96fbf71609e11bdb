package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tsforge.support.ApiClient;
import dev.tsforge.support.Csv;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Jobs can be watched and cancelled; models can be promoted, downloaded and deleted. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class TrainingLifecycleTests {

    private static final String SMALL = """
            {"architecture": "SIMPLE_RNN", "hiddenSizes": [8], "lookback": 10, "horizon": 6, "epochs": %d,
             "validationFraction": 0, "seed": 1}""";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    long seriesId;

    @BeforeEach
    void seriesOfAHundredHours() throws Exception {
        api = new ApiClient(mvc, json);
        seriesId = api.createSeries("PT1H", Csv.hourly(100, i -> Math.sin(i / 3.0)));
    }

    private JsonNode start(int epochs) throws Exception {
        return api.startTraining(seriesId, SMALL.formatted(epochs));
    }

    private JsonNode job(long id) throws Exception {
        return json.readTree(mvc.perform(get("/api/v1/training-jobs/{id}", id)).andReturn().getResponse()
                .getContentAsString());
    }

    private JsonNode awaitStatus(long id, String... statuses) throws Exception {
        return api.awaitJobStatus(id, statuses);
    }

    @Test
    void cancellingStopsARunningJobWithinAnEpochAndAQueuedOneAtOnce() throws Exception {
        long running = start(10_000).get("id").asLong();
        long queued = start(5).get("id").asLong();
        JsonNode started = awaitStatus(running, "RUNNING");
        while (job(running).get("epoch").asInt() < 1) {
            Thread.sleep(20);
        }
        assertThat(job(running).get("estimatedMillisLeft").asLong()).isPositive();
        assertThat(started.get("elapsedMillis").isNull()).isFalse();

        mvc.perform(post("/api/v1/training-jobs/{id}/cancel", queued))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"));
        mvc.perform(post("/api/v1/training-jobs/{id}/cancel", running))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.cancelRequested").value(true));

        JsonNode cancelled = awaitStatus(running, "CANCELLED", "FAILED", "SUCCEEDED");
        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("stopReason").asString()).startsWith("cancelled by request after epoch");
        assertThat(cancelled.get("modelId").isNull()).isTrue();
        assertThat(job(queued).get("status").asString()).as("a cancelled queued job never runs").isEqualTo("CANCELLED");
        assertThat(job(queued).get("startedAt").isNull()).isTrue();

        mvc.perform(post("/api/v1/training-jobs/{id}/cancel", running))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:tsforge:problem:illegal-state"));
        mvc.perform(get("/api/v1/series/{id}/models", seriesId)).andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void modelsCanBeDownloadedPromotedAndDeleted() throws Exception {
        long jobId = start(3).get("id").asLong();
        long modelId = awaitStatus(jobId, "SUCCEEDED").get("modelId").asLong();
        JsonNode model = json.readTree(mvc.perform(get("/api/v1/models/{id}", modelId))
                .andReturn().getResponse().getContentAsString());

        byte[] zip = mvc.perform(get("/api/v1/models/{id}/artifact", modelId))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/zip"))
                .andExpect(header().string("ETag", "\"" + model.get("checksumSha256").asString() + "\""))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(zip).hasSize(model.get("sizeBytes").asInt());
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip)))
                .isEqualTo(model.get("checksumSha256").asString());

        mvc.perform(post("/api/v1/models/{id}/promote", modelId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.champion").value(true));
        mvc.perform(post("/api/v1/forecasts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"seriesId\": " + seriesId + ", \"horizon\": 8}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.modelId").value(modelId))
                .andExpect(jsonPath("$.points.length()").value(8));

        // the default store keeps the artifact in a row, which goes with the model's
        assertThat(storedArtifacts(modelId)).isEqualTo(1);
        mvc.perform(delete("/api/v1/models/{id}", modelId)).andExpect(status().isNoContent());
        assertThat(storedArtifacts(modelId)).isZero();
        mvc.perform(get("/api/v1/models/{id}", modelId)).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/forecasts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"modelId\": " + modelId + ", \"horizon\": 8}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/forecasts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"seriesId\": " + seriesId + ", \"horizon\": 8}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:tsforge:problem:no-model"));
    }

    private long storedArtifacts(long modelId) {
        return jdbc.sql("SELECT COUNT(*) FROM model_artifact WHERE model_id = :id").param("id", modelId)
                .query(Long.class).single();
    }

    @Test
    void aWarmStartContinuesAModelOfTheSeriesAndRecordsItsParent() throws Exception {
        long parentId = awaitStatus(start(3).get("id").asLong(), "SUCCEEDED").get("modelId").asLong();

        mvc.perform(post("/api/v1/series/{id}/trainings", seriesId).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"warmStartFrom\": " + parentId + ", \"lookback\": 12}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("lookback"));
        mvc.perform(post("/api/v1/series/{id}/trainings", seriesId).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"warmStartFrom\": 999999}"))
                .andExpect(status().isNotFound());

        JsonNode job = json.readTree(mvc.perform(post("/api/v1/series/{id}/trainings", seriesId)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"warmStartFrom\": " + parentId + ", \"epochs\": 2, \"learningRate\": 0.001}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.parentModelId").value(parentId))
                .andExpect(jsonPath("$.spec.lookback").value(10))
                .andExpect(jsonPath("$.spec.learningRate").value(0.001))
                .andReturn().getResponse().getContentAsString());
        long childId = awaitStatus(job.get("id").asLong(), "SUCCEEDED").get("modelId").asLong();
        mvc.perform(get("/api/v1/models/{id}", childId))
                .andExpect(jsonPath("$.parentModelId").value(parentId))
                .andExpect(jsonPath("$.epochsRun").value(2))
                .andExpect(jsonPath("$.spec.architecture").value("SIMPLE_RNN"));
    }

    @Test
    void theLossCurveHasOnePointPerEpoch() throws Exception {
        long jobId = start(4).get("id").asLong();
        awaitStatus(jobId, "SUCCEEDED");
        mvc.perform(get("/api/v1/training-jobs/{id}/losses", jobId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(4))
                .andExpect(jsonPath("$[3].epoch").value(4))
                .andExpect(jsonPath("$[3].elapsedMillis").isNumber())
                .andExpect(jsonPath("$[0].validationLoss").isEmpty());
    }
}
