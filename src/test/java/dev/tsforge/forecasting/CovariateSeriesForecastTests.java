package dev.tsforge.forecasting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.Await;
import dev.tsforge.support.HttpApi;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * A network trained with a stored known-future covariate over HTTP: its horizon's values come from the store or the
 * request (the request's winning), a value neither gives is a 422 naming the covariate and the timestamps, backtests
 * read the stored actual values; a past-only covariate in a RECURSIVE spec is a 400 naming it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CovariateSeriesForecastTests {

    private static final String JSON = "application/json";
    private static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
    private static final int DAYS = 150;

    @LocalServerPort
    int port;

    @Test
    void aKnownFutureCovariateIsReadFromTheStoreOrTheRequestAndMissingValuesAreNamed() throws Exception {
        HttpApi api = HttpApi.localhost(port);
        long id = api.createSeries("driven-" + UUID.randomUUID(), "P1D");
        String covariates = "/api/v1/series/" + id + "/covariates";
        Random random = new Random(7);
        StringBuilder target = new StringBuilder("timestamp,value\n");
        StringBuilder driver = new StringBuilder("name,timestamp,value\n");
        for (int i = 0; i < DAYS + 5; i++) {
            double x = random.nextGaussian();
            if (i < DAYS) {
                target.append(day(i)).append(',').append(50 + 3 * x + 0.3 * random.nextGaussian()).append('\n');
            }
            // the driver is known five days past the series' end
            driver.append("x,").append(day(i)).append(',').append(x).append('\n');
            driver.append("p,").append(day(i)).append(',').append(x).append('\n');
        }
        api.ingestCsv(id, target.toString());
        assertThat(api.send("PUT", covariates + "/x", JSON, "{\"kind\": \"KNOWN_FUTURE\"}").statusCode())
                .isEqualTo(201);
        assertThat(api.send("PUT", covariates + "/p", JSON, "{\"kind\": \"PAST_ONLY\"}").statusCode())
                .isEqualTo(201);
        assertThat(api.post(covariates, "text/csv", driver.toString()).statusCode()).isEqualTo(200);

        HttpResponse<String> pastOnlyRecursive = api.post("/api/v1/series/" + id + "/trainings", JSON,
                "{\"strategy\": \"RECURSIVE\", \"covariates\": {\"series\": [\"x\", \"p\"]}}");
        assertThat(pastOnlyRecursive.statusCode()).isEqualTo(400);
        assertThat(pastOnlyRecursive.body()).contains("[p]").contains("DIRECT").doesNotContain("[x");

        JsonNode job = api.awaitJobStatus(api.startTraining(id, "{\"strategy\": \"RECURSIVE\", \"lookback\": 14, "
                + "\"horizon\": 5, \"hiddenSizes\": [8], \"epochs\": 3, \"covariates\": {\"series\": [\"x\"]}}"),
                Duration.ofMinutes(3), "SUCCEEDED", "FAILED");
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        long modelId = job.get("modelId").asLong();
        JsonNode spec = api.json(api.get("/api/v1/models/" + modelId)).get("spec").get("covariates");
        assertThat(spec.get("series").get(0).get("name").asString()).isEqualTo("x");
        assertThat(spec.get("series").get(0).get("kind").asString()).isEqualTo("KNOWN_FUTURE");
        assertThat(spec.get("columns").toString()).isEqualTo("[\"x\"]");
        // the permutation check: the holdout forecast again with x shuffled in time, beside the model's own error
        JsonNode evaluation = api.json(api.get("/api/v1/models/" + modelId)).get("evaluation");
        JsonNode effect = evaluation.get("covariateEffects").get(0);
        assertThat(effect.get("covariate").asString()).isEqualTo("x");
        assertThat(effect.get("kind").asString()).isEqualTo("KNOWN_FUTURE");
        assertThat(effect.get("mae").asDouble()).isEqualTo(evaluation.get("model").get("mae").asDouble());
        assertThat(Double.isFinite(effect.get("permutedMae").asDouble())).isTrue();

        // the stored driver covers five days past the origin
        HttpResponse<String> stored = forecast(api, modelId, 5, null);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        List<Double> fromStore = values(api.json(stored));
        assertThat(fromStore).hasSize(5).allSatisfy(v -> assertThat(Double.isFinite(v)).isTrue());

        HttpResponse<String> beyond = forecast(api, modelId, 7, null);
        assertThat(beyond.statusCode()).as(beyond.body()).isEqualTo(422);
        JsonNode problem = api.json(beyond);
        assertThat(problem.get("type").asString()).isEqualTo("urn:tsforge:problem:missing-covariates");
        assertThat(problem.get("missing").get("x").toString())
                .isEqualTo("[\"" + day(DAYS + 5) + "\",\"" + day(DAYS + 6) + "\"]");
        assertThat(problem.get("detail").asString()).contains("'x'").contains(day(DAYS + 5).toString());

        // sent values fill the two missing days and win over the stored five
        String sent = "[20, 20, 20, 20, 20, 20, 20]";
        HttpResponse<String> withSent = forecast(api, modelId, 7, "{\"x\": " + sent + "}");
        assertThat(withSent.statusCode()).as(withSent.body()).isEqualTo(200);
        List<Double> fromRequest = values(api.json(withSent));
        assertThat(fromRequest.subList(0, 5)).isNotEqualTo(fromStore);
        HttpResponse<String> partly = forecast(api, modelId, 7, "{\"x\": [null, null, null, null, null, 1, 1]}");
        assertThat(partly.statusCode()).as(partly.body()).isEqualTo(200);
        assertThat(values(api.json(partly)).subList(0, 5)).as("null entries take the stored values")
                .isEqualTo(fromStore);

        // the same values stored instead of sent give the same forecast
        StringBuilder stores = new StringBuilder("timestamp,value\n");
        for (int i = DAYS; i < DAYS + 7; i++) {
            stores.append(day(i)).append(",20\n");
        }
        assertThat(api.post(covariates + "/x/points", "text/csv", stores.toString()).statusCode()).isEqualTo(200);
        assertThat(values(api.json(forecast(api, modelId, 7, null)))).isEqualTo(fromRequest);

        HttpResponse<String> wrongName = forecast(api, modelId, 3, "{\"temp\": [1, 2, 3]}");
        assertThat(wrongName.statusCode()).isEqualTo(400);
        assertThat(wrongName.body()).contains("'temp'");

        // ad hoc: values sent with their time; the window's covariate values sent beside them, or none stored there
        String window = java.util.Collections.nCopies(14, "50").toString();
        String far = "\"lastTimestamp\": \"2030-01-14T00:00:00Z\"";
        HttpResponse<String> unknownWindow = api.post("/api/v1/forecasts", JSON, "{\"modelId\": " + modelId
                + ", \"values\": " + window + ", " + far + ", \"horizon\": 3, \"covariates\": {\"x\": [0, 0, 0]}}");
        assertThat(unknownWindow.statusCode()).as(unknownWindow.body()).isEqualTo(422);
        assertThat(api.json(unknownWindow).get("missing").get("x").get(0).asString())
                .as("the window's first read: lookback - 2 steps before the origin").isEqualTo("2030-01-02T00:00:00Z");
        HttpResponse<String> adHoc = api.post("/api/v1/forecasts", JSON, "{\"modelId\": " + modelId
                + ", \"values\": " + window + ", " + far + ", \"horizon\": 3, \"covariates\": {\"x\": [0, 0, 0]}, "
                + "\"covariateHistory\": {\"x\": " + java.util.Collections.nCopies(14, "0") + "}}");
        assertThat(adHoc.statusCode()).as(adHoc.body()).isEqualTo(200);
        assertThat(api.json(adHoc).get("points")).hasSize(3);

        // backtests read the stored actual values at each origin
        HttpResponse<String> backtest = api.post("/api/v1/backtests", JSON, "{\"modelId\": " + modelId
                + ", \"folds\": 3, \"step\": 5}");
        assertThat(backtest.statusCode()).as(backtest.body()).isEqualTo(200);
        assertThat(api.json(backtest).get("foldResults")).hasSize(3);
        // and refits train each fold on the stored values before its origin
        HttpResponse<String> refit = api.post("/api/v1/backtests", JSON, "{\"modelId\": " + modelId
                + ", \"refit\": true, \"folds\": 2, \"step\": 5}");
        assertThat(refit.statusCode()).as(refit.body()).isEqualTo(202);
        String refitPath = "/api/v1/backtest-jobs/" + api.json(refit).get("id").asLong();
        JsonNode refitJob = Await.until("the refit backtest", Duration.ofMinutes(3), Duration.ofMillis(500),
                () -> api.json(api.get(refitPath)), j -> !List.of("QUEUED", "RUNNING")
                        .contains(j.get("status").asString()));
        assertThat(refitJob.get("status").asString()).as(refitJob.toString()).isEqualTo("SUCCEEDED");
    }

    private static HttpResponse<String> forecast(HttpApi api, long modelId, int horizon, String covariates)
            throws Exception {
        return api.post("/api/v1/forecasts", JSON, "{\"modelId\": " + modelId + ", \"horizon\": " + horizon
                + (covariates == null ? "" : ", \"covariates\": " + covariates) + "}");
    }

    private static List<Double> values(JsonNode forecast) {
        List<Double> values = new ArrayList<>();
        forecast.get("points").forEach(p -> values.add(p.get("value").asDouble()));
        return values;
    }

    private static Instant day(int i) {
        return FIRST.plusDays(i).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
