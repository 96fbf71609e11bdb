package dev.tsforge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.Await;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The flow a new user follows, over real HTTP: create a series of the noisy sine {@code sin(x) + N(0, 0.3)},
 * upload it, train an LSTM and a SimpleRnn, forecast 24 steps, and check the forecast against the clean sine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ForecastingEndToEndTests {

    /** Points per sine period: the held-out 24 steps cover about one period. */
    private static final int PERIOD = 25;
    private static final int TRAIN_POINTS = 300;
    private static final int HORIZON = 24;
    private static final int HOLDOUT = 12;
    private static final double NOISE = 0.3;
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final Duration POLL_LIMIT = Duration.ofMinutes(3);

    @LocalServerPort
    int port;

    RestClient http;

    @BeforeEach
    void client() {
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    private static double clean(int i) {
        return Math.sin(2 * Math.PI * i / PERIOD);
    }

    @Test
    void trainLstmAndSimpleRnnOnANoisySineAndForecastBetterThanNaive() throws Exception {
        assertThat(SpringBootVersion.getVersion()).as("the Boot line this DL4J build is proven with").startsWith("4.1.");

        ResponseEntity<JsonNode> created = http.post().uri("/api/v1/series").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "noisy-sine", "frequency", "PT1H", "description", "sin(x) + N(0, 0.3)"))
                .retrieve().toEntity(JsonNode.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        URI location = created.getHeaders().getLocation();
        long seriesId = created.getBody().get("id").asLong();
        assertThat(location).isNotNull();
        assertThat(location.getPath()).isEqualTo("/api/v1/series/" + seriesId);

        Random noise = new Random(2024);
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i < TRAIN_POINTS; i++) {
            points.add(Map.of("timestamp", START.plus(Duration.ofHours(i)).toString(),
                    "value", clean(i) + NOISE * noise.nextGaussian()));
        }
        ResponseEntity<JsonNode> ingest = http.post().uri("/api/v1/series/{id}/points", seriesId)
                .contentType(MediaType.APPLICATION_JSON).body(points).retrieve().toEntity(JsonNode.class);
        assertThat(ingest.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ingest.getBody().get("inserted").asInt()).isEqualTo(TRAIN_POINTS);

        JsonNode series = http.get().uri(location).retrieve().body(JsonNode.class);
        assertThat(series.get("pointCount").asInt()).isEqualTo(TRAIN_POINTS);
        assertThat(series.get("lastTimestamp").asString()).isEqualTo(START.plus(Duration.ofHours(TRAIN_POINTS - 1)).toString());

        double naiveMae = meanAbsoluteError(new double[HORIZON], points.get(TRAIN_POINTS - 1).get("value"));
        for (String architecture : List.of("LSTM", "SIMPLE_RNN")) {
            JsonNode job = train(seriesId, Map.of("architecture", architecture, "hiddenSizes", List.of(16),
                    "lookback", 12, "horizon", HOLDOUT, "epochs", 25, "batchSize", 16, "learningRate", 0.01,
                    "validationFraction", 0.1, "earlyStoppingPatience", 0, "seed", 7));
            long modelId = job.get("modelId").asLong();

            JsonNode model = http.get().uri("/api/v1/models/{id}", modelId).retrieve().body(JsonNode.class);
            assertThat(model.get("spec").get("architecture").asString()).isEqualTo(architecture);
            assertThat(model.get("pointCount").asInt()).as("the holdout is not trained on")
                    .isEqualTo(TRAIN_POINTS - HOLDOUT);
            int windows = TRAIN_POINTS - HOLDOUT - 12;
            assertThat(model.get("windowCount").asInt()).isEqualTo(windows - (int) Math.floor(windows * 0.1));
            assertThat(model.get("dataFrom").asString()).isEqualTo(START.toString());
            assertThat(model.get("validationLoss").asDouble()).isFinite().isPositive();
            assertThat(model.get("checksumSha256").asString()).hasSize(64);
            JsonNode evaluation = model.get("evaluation");
            assertThat(evaluation.get("horizon").asInt()).isEqualTo(HOLDOUT);
            assertThat(evaluation.get("seasonalPeriod").asInt()).as("PT1H: a day").isEqualTo(24);
            assertThat(evaluation.get("model").get("mae").asDouble()).isFinite().isPositive();
            assertThat(evaluation.get("naive").get("mae").asDouble()).isFinite().isPositive();
            assertThat(evaluation.get("beatsNaive").asBoolean()).as("%s on its holdout: %s", architecture, evaluation)
                    .isTrue();
            assertThat(model.get("champion").asBoolean()).as("champion flag matches the job's outcome")
                    .isEqualTo(job.get("outcome").asString().startsWith("champion:"));
            // stored in the database (the default): the size the registry recorded is the row's
            assertThat(model.get("sizeBytes").asLong()).isPositive();

            ResponseEntity<JsonNode> forecast = http.post().uri("/api/v1/forecasts").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("modelId", modelId, "horizon", HORIZON)).retrieve().toEntity(JsonNode.class);
            assertThat(forecast.getStatusCode()).isEqualTo(HttpStatus.OK);
            JsonNode steps = forecast.getBody().get("points");
            assertThat(steps.size()).isEqualTo(HORIZON);
            assertThat(forecast.getBody().get("strategy").asString()).isEqualTo("RECURSIVE");
            assertThat(forecast.getBody().get("rolledOut").asBoolean()).isTrue();
            double[] values = new double[HORIZON];
            for (int h = 0; h < HORIZON; h++) {
                assertThat(Instant.parse(steps.get(h).get("timestamp").asString()))
                        .as("timestamps continue the hourly grid").isEqualTo(START.plus(Duration.ofHours(TRAIN_POINTS + h)));
                values[h] = steps.get(h).get("value").asDouble();
            }
            assertThat(java.util.Arrays.stream(values).boxed().toList()).allMatch(Double::isFinite);
            double modelMae = meanAbsoluteError(values, null);
            assertThat(modelMae).as("%s MAE on the clean sine vs naive %.3f", architecture, naiveMae)
                    .isLessThan(naiveMae);
        }

        JsonNode models = http.get().uri("/api/v1/series/{id}/models", seriesId).retrieve().body(JsonNode.class);
        assertThat(models.size()).isEqualTo(2);
        long champions = 0;
        Long championId = null;
        for (JsonNode model : models) {
            if (model.get("champion").asBoolean()) {
                champions++;
                championId = model.get("id").asLong();
            }
        }
        assertThat(champions).as("the noisy sine is learnable: some model beat seasonal naive").isEqualTo(1);
        JsonNode bySeries = http.post().uri("/api/v1/forecasts").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("seriesId", seriesId, "horizon", 3)).retrieve().body(JsonNode.class);
        assertThat(bySeries.get("modelId").asLong()).as("a series forecasts with its champion").isEqualTo(championId);
    }

    /** MAE against the clean sine over the horizon; {@code constant} replaces the forecast when given (naive). */
    private static double meanAbsoluteError(double[] forecast, Object constant) {
        double sum = 0;
        for (int h = 0; h < HORIZON; h++) {
            double predicted = constant == null ? forecast[h] : (Double) constant;
            sum += Math.abs(predicted - clean(TRAIN_POINTS + h));
        }
        return sum / HORIZON;
    }

    private JsonNode train(long seriesId, Map<String, Object> spec) throws Exception {
        ResponseEntity<JsonNode> accepted = http.post().uri("/api/v1/series/{id}/trainings", seriesId)
                .contentType(MediaType.APPLICATION_JSON).body(spec).retrieve().toEntity(JsonNode.class);
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(accepted.getBody().get("status").asString()).isIn("QUEUED", "RUNNING");
        URI job = accepted.getHeaders().getLocation();
        JsonNode state = Await.until("training " + job, POLL_LIMIT, Duration.ofMillis(250),
                () -> http.get().uri(job).retrieve().body(JsonNode.class), polled -> {
                    String status = polled.get("status").asString();
                    assertThat(status).as("job %s: %s", job, polled).isIn("QUEUED", "RUNNING", "SUCCEEDED");
                    return status.equals("SUCCEEDED");
                });
        assertThat(state.get("epoch").asInt()).isEqualTo(spec.get("epochs"));
        assertThat(state.get("lastLoss").asDouble()).isFinite().isLessThan(1.0);
        assertThat(state.get("stopReason").asString()).startsWith("completed");
        JsonNode losses = http.get().uri(job.getPath() + "/losses").retrieve().body(JsonNode.class);
        assertThat(losses.size()).as("one loss-curve point per epoch").isEqualTo(spec.get("epochs"));
        assertThat(losses.get(0).get("validationLoss").asDouble()).isFinite();
        return state;
    }
}
