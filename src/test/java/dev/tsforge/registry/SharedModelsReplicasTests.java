package dev.tsforge.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.model.Architecture;
import dev.tsforge.model.TestSpecs;
import dev.tsforge.series.SeriesService;
import dev.tsforge.support.PostgresAvailable;
import dev.tsforge.support.Services;
import dev.tsforge.support.TestPostgres;
import dev.tsforge.training.JobStatus;
import dev.tsforge.training.TrainingJob;
import dev.tsforge.training.TrainingService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Two replicas on one PostgreSQL, each with a model folder of its own: a model trained and registered by one forecasts
 * on the other, whose folder stays empty, and deleted by one stops forecasting on the other. The database is all they
 * share.
 */
@PostgresAvailable
class SharedModelsReplicasTests {

    private static final String SCHEMA = TestPostgres.newSchema();

    @AfterAll
    static void dropSchema() throws Exception {
        TestPostgres.dropSchema(SCHEMA);
    }

    @Test
    void aModelTrainedOnOneReplicaForecastsOnTheOther(@TempDir Path modelsA, @TempDir Path modelsB) throws Exception {
        try (ConfigurableApplicationContext a = Services.startReplica(SCHEMA, modelsA,
                "--jobrunr.background-job-server.enabled=true");
                ConfigurableApplicationContext b = Services.startReplica(SCHEMA, modelsB,
                        "--jobrunr.background-job-server.enabled=false")) {
            long seriesId = Services.hourlySine(a.getBean(SeriesService.class), "shared-models", 120);
            TrainingService training = a.getBean(TrainingService.class);
            long jobId = training.submit(seriesId, TestSpecs.withEpochs(TestSpecs.small(Architecture.SIMPLE_RNN), 3))
                    .id();
            TrainingJob done = Services.awaitJob(training, jobId, job -> job.status().isFinal());
            assertThat(done.status()).as(done.errorMessage()).isEqualTo(JobStatus.SUCCEEDED);

            ResponseEntity<JsonNode> forecast = http(b).post().uri("/api/v1/forecasts")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"modelId\": " + done.modelId() + ", \"horizon\": 4}")
                    .retrieve().toEntity(JsonNode.class);
            assertThat(forecast.getStatusCode().value()).as(String.valueOf(forecast.getBody())).isEqualTo(200);
            assertThat(forecast.getBody().get("points").size()).isEqualTo(4);
            assertThat(files(modelsA)).as("replica a's written file went with the commit").isZero();
            assertThat(files(modelsB)).as("replica b read the model from the database").isZero();

            // b holds the model parsed and loaded now; deleted on a, it stops forecasting on b at once, not when a
            // cache entry expires (the deletion event is a's alone)
            ResponseEntity<JsonNode> deleted = http(a).delete().uri("/api/v1/models/" + done.modelId()).retrieve()
                    .toEntity(JsonNode.class);
            assertThat(deleted.getStatusCode().value()).isEqualTo(204);
            ResponseEntity<JsonNode> after = http(b).post().uri("/api/v1/forecasts")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"modelId\": " + done.modelId() + ", \"horizon\": 4}")
                    .retrieve().toEntity(JsonNode.class);
            assertThat(after.getStatusCode().value()).as(String.valueOf(after.getBody())).isEqualTo(404);
            assertThat(after.getBody().get("detail").asString()).contains("model");
        }
    }

    private static RestClient http(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    private static long files(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
