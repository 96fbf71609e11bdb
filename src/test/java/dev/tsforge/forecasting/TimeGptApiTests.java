package dev.tsforge.forecasting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.Compressed;
import dev.tsforge.support.HttpApi;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Nixtla TimeGPT's v2 forecast request at {@code POST /v2/forecast}, over real HTTP: two series concatenated get the
 * numbers that {@code POST /api/v1/forecasts} gives for each with the same model and values; what cannot be served
 * is a problem.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimeGptApiTests {

    private static final int HORIZON = 4;

    @LocalServerPort
    int port;

    HttpApi api;
    long modelId;
    /** Reads the day of the week: its inputs need each value's timestamp. */
    long calendarModelId;
    final List<Double> first = new ArrayList<>();
    final List<Double> second = new ArrayList<>();

    @BeforeAll
    void dailyModel() throws Exception {
        api = HttpApi.localhost(port);
        long seriesId = api.createSeries("timegpt-" + UUID.randomUUID(), "P1D");
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < 80; i++) {
            csv.append(start.plus(Duration.ofDays(i))).append(',').append(20 + 5 * Math.sin(i / 2.0)).append('\n');
        }
        api.ingestCsv(seriesId, csv.toString());
        long job = api.startTraining(seriesId, "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [4], "
                + "\"lookback\": 8, \"horizon\": 2, \"epochs\": 3, \"validationFraction\": 0.3, \"seed\": 3}");
        JsonNode done = api.awaitJobStatus(job, Duration.ofMinutes(3), "SUCCEEDED", "FAILED");
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        modelId = done.get("modelId").asLong();
        long calendarJob = api.startTraining(seriesId, "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [4], "
                + "\"lookback\": 8, \"horizon\": 2, \"epochs\": 3, \"validationFraction\": 0.3, \"seed\": 3, "
                + "\"covariates\": {\"calendar\": [\"DAY_OF_WEEK\"]}}");
        JsonNode calendarDone = api.awaitJobStatus(calendarJob, Duration.ofMinutes(3), "SUCCEEDED", "FAILED");
        assertThat(calendarDone.get("status").asString()).as(calendarDone.toString()).isEqualTo("SUCCEEDED");
        calendarModelId = calendarDone.get("modelId").asLong();
        for (int i = 0; i < 12; i++) {
            first.add(20 + 5 * Math.sin(i / 2.0));
        }
        for (int i = 0; i < 9; i++) {
            second.add(18 + 4 * Math.cos(i / 3.0));
        }
    }

    private HttpResponse<String> timeGpt(String body) throws Exception {
        return api.post("/v2/forecast", "application/json", body);
    }

    private String request(String model, String freq, String level) {
        List<Double> y = Stream.concat(first.stream(), second.stream()).toList();
        return "{\"series\": {\"y\": " + y + ", \"sizes\": [" + first.size() + ", " + second.size() + "]}, "
                + "\"freq\": \"" + freq + "\", \"h\": " + HORIZON + ", \"model\": " + model
                + (level == null ? "" : ", \"level\": " + level) + ", \"clean_ex_first\": true, \"finetune_steps\": 0, "
                + "\"finetune_loss\": \"default\", \"finetune_depth\": 1, \"finetuned_model_id\": null, "
                + "\"feature_contributions\": false}";
    }

    @Test
    void theTimeGptShapedRequestGivesTheNativeNumbersConcatenated() throws Exception {
        HttpResponse<String> response = timeGpt(request("\"" + modelId + "\"", "D", "[95, 80]"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = api.json(response);
        assertThat(body.get("mean")).hasSize(2 * HORIZON);
        assertThat(body.get("intervals").propertyNames()).containsExactly("lo-80", "hi-80", "lo-95", "hi-95");
        List<List<Double>> sent = List.of(first, second);
        for (int s = 0; s < 2; s++) {
            HttpResponse<String> nativeResponse = api.post("/api/v1/forecasts", "application/json",
                    "{\"modelId\": " + modelId + ", \"values\": " + sent.get(s) + ", \"horizon\": " + HORIZON
                            + ", \"levels\": [80, 95]}");
            assertThat(nativeResponse.statusCode()).as(nativeResponse.body()).isEqualTo(200);
            JsonNode points = api.json(nativeResponse).get("points");
            for (int i = 0; i < HORIZON; i++) {
                int at = s * HORIZON + i;
                JsonNode point = points.get(i);
                assertThat(body.get("mean").get(at).asDouble()).isEqualTo(point.get("value").asDouble());
                assertThat(body.get("intervals").get("lo-80").get(at).asDouble())
                        .isEqualTo(point.get("intervals").get(0).get("lower").asDouble());
                assertThat(body.get("intervals").get("hi-80").get(at).asDouble())
                        .isEqualTo(point.get("intervals").get(0).get("upper").asDouble());
                assertThat(body.get("intervals").get("lo-95").get(at).asDouble())
                        .isEqualTo(point.get("intervals").get(1).get("lower").asDouble());
                assertThat(body.get("intervals").get("hi-95").get(at).asDouble())
                        .isEqualTo(point.get("intervals").get(1).get("upper").asDouble());
            }
        }
    }

    private String calendarRequest(String starts) {
        List<Double> y = Stream.concat(first.stream(), second.stream()).toList();
        return "{\"series\": {\"y\": " + y + ", \"sizes\": [" + first.size() + ", " + second.size() + "]"
                + (starts == null ? "" : ", \"start_datetime\": " + starts) + "}, \"freq\": \"D\", \"h\": " + HORIZON
                + ", \"model\": \"" + calendarModelId + "\", \"level\": [80]}";
    }

    @Test
    void seriesStartsLetACalendarModelForecastAsWithItsLastTimestamp() throws Exception {
        HttpResponse<String> withoutStarts = timeGpt(calendarRequest(null));
        assertProblem(withoutStarts, 422, "model-not-usable");
        assertThat(api.json(withoutStarts).get("detail").asString()).contains("series.start_datetime");
        HttpResponse<String> params = api.get("/model_params?model=" + calendarModelId + "&freq=D");
        assertThat(params.statusCode()).as("asked before the client sends its starts").isEqualTo(200);

        // as Nixtla's client writes them: a date, and a date-time without an offset (read in the grid's zone, UTC)
        HttpResponse<String> response = timeGpt(calendarRequest("[\"2024-03-01\", \"2024-03-05T00:00:00\"]"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode mean = api.json(response).get("mean");
        List<List<Double>> sent = List.of(first, second);
        List<String> lasts = List.of("2024-03-12T00:00:00Z", "2024-03-13T00:00:00Z");
        for (int s = 0; s < 2; s++) {
            HttpResponse<String> nativeResponse = api.post("/api/v1/forecasts", "application/json",
                    "{\"modelId\": " + calendarModelId + ", \"values\": " + sent.get(s) + ", \"lastTimestamp\": \""
                            + lasts.get(s) + "\", \"horizon\": " + HORIZON + ", \"levels\": [80]}");
            assertThat(nativeResponse.statusCode()).as(nativeResponse.body()).isEqualTo(200);
            JsonNode points = api.json(nativeResponse).get("points");
            for (int i = 0; i < HORIZON; i++) {
                assertThat(mean.get(s * HORIZON + i).asDouble()).isEqualTo(points.get(i).get("value").asDouble());
            }
        }
        HttpResponse<String> dayLater = timeGpt(calendarRequest("[\"2024-03-02\", \"2024-03-05\"]"));
        assertThat(dayLater.statusCode()).as(dayLater.body()).isEqualTo(200);
        assertThat(api.json(dayLater).get("mean").get(0).asDouble()).as("the first series' weekdays moved")
                .isNotEqualTo(mean.get(0).asDouble());
        assertThat(api.json(dayLater).get("mean").get(HORIZON).asDouble()).isEqualTo(mean.get(HORIZON).asDouble());

        HttpResponse<String> offGrid = timeGpt(calendarRequest("[\"2024-03-01\", \"2024-03-05T06:00:00\"]"));
        assertProblem(offGrid, 400, "invalid-field");
        assertThat(api.json(offGrid).get("seriesIndex").asInt()).isEqualTo(1);
        HttpResponse<String> unparsable = timeGpt(calendarRequest("[\"first of March\", \"2024-03-05\"]"));
        assertProblem(unparsable, 400, "invalid-field");
        assertThat(api.json(unparsable).get("seriesIndex").asInt()).isEqualTo(0);
    }

    @Test
    void aNumericModelIdWorksAndWithoutLevelsThereAreNoIntervals() throws Exception {
        HttpResponse<String> response = timeGpt(request(String.valueOf(modelId), "D", null));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = api.json(response);
        assertThat(body.get("mean")).hasSize(2 * HORIZON);
        assertThat(body.get("intervals").isNull()).isTrue();
    }

    @Test
    void whatCannotBeServedIsAProblem() throws Exception {
        assertProblem(timeGpt(request("\"timegpt-1\"", "D", null)), 422, "model-not-usable");
        assertProblem(timeGpt(request(String.valueOf(modelId), "W-WED", null)), 422, "model-not-usable");
        assertProblem(timeGpt(request(String.valueOf(modelId), "3D", null)), 422, "unsupported-frequency");
        assertProblem(timeGpt(request(String.valueOf(modelId), "fortnightly", null)), 422, "unsupported-frequency");
        assertProblem(timeGpt(request("987654", "D", null)), 404, "not-found");
        assertProblem(timeGpt(request(String.valueOf(modelId), "D", null).replace("\"finetune_steps\": 0",
                "\"finetune_steps\": 10")), 422, "model-not-usable");
        assertProblem(timeGpt("{\"series\": {\"y\": [1, 2], \"sizes\": [2], \"X\": [[1, 2]]}, \"freq\": \"D\", "
                + "\"h\": 2, \"model\": " + modelId + "}"), 422, "model-not-usable");
        assertProblem(timeGpt("{\"series\": {\"y\": [1, 2, 3], \"sizes\": [2]}, \"freq\": \"D\", \"h\": 2, "
                + "\"model\": " + modelId + "}"), 400, "invalid-field");
        HttpResponse<String> tooShort = timeGpt("{\"series\": {\"y\": " + first + ", \"sizes\": [10, 2]}, "
                + "\"freq\": \"D\", \"h\": 2, \"model\": " + modelId + "}");
        assertProblem(tooShort, 400, "invalid-field");
        assertThat(api.json(tooShort).get("seriesIndex").asInt()).isEqualTo(1);
        assertThat(api.json(tooShort).get("errors").get(0).get("field").asString()).as("where the values came from")
                .isEqualTo("series.y");
        HttpResponse<String> gap = timeGpt("{\"series\": {\"y\": " + first.toString().replaceFirst(",", ", null,")
                + ", \"sizes\": [10, 3]}, \"freq\": \"D\", \"h\": 2, \"model\": " + modelId + "}");
        assertProblem(gap, 400, "invalid-field");
        assertThat(api.json(gap).get("seriesIndex").asInt()).isEqualTo(0);
        assertThat(api.json(gap).get("errors").get(0).get("field").asString()).isEqualTo("series.y");
        assertThat(api.json(gap).get("errors").get(0).get("message").asString())
                .isEqualTo("y[1], value 1 of series 0, is not a finite number");
    }

    /**
     * The body Nixtla's client builds in {@code NixtlaClient._prepare_forecast} (Nixtla/nixtla main at 277f617d, after
     * 0.8.0) for {@code forecast(df, h=4, freq="D", level=[80, 95], model=<id>)} and every other argument at its
     * default: the field set and defaults copied from there, {@code start_datetime} as it writes a daily datetime
     * column's first timestamps, {@code multivariate} as every client since 0.7.1 sends it.
     */
    private String newestClientBody(String extra) {
        List<Double> y = Stream.concat(first.stream(), second.stream()).toList();
        return "{\"series\": {\"y\": " + y + ", \"sizes\": [" + first.size() + ", " + second.size() + "], "
                + "\"X\": null, \"X_future\": null, \"start_datetime\": [\"2024-01-01\", \"2024-03-01\"]}, "
                + "\"model\": \"" + modelId + "\", \"h\": " + HORIZON + ", \"freq\": \"D\", \"clean_ex_first\": true, "
                + "\"level\": [80, 95], \"finetune_steps\": 0, \"finetune_depth\": 1, \"finetune_loss\": \"default\", "
                + "\"finetuned_model_id\": null, \"feature_contributions\": false, \"multivariate\": false" + extra + "}";
    }

    @Test
    void theNewestClientsBodyGetsTheNumbersOfTheBareRequestAndEveryFieldItReads() throws Exception {
        HttpResponse<String> response = timeGpt(newestClientBody(""));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<Double> y = Stream.concat(first.stream(), second.stream()).toList();
        HttpResponse<String> bare = timeGpt("{\"series\": {\"y\": " + y + ", \"sizes\": [" + first.size() + ", "
                + second.size() + "]}, \"freq\": \"D\", \"h\": " + HORIZON + ", \"model\": " + modelId
                + ", \"level\": [80, 95]}");
        assertThat(bare.statusCode()).as(bare.body()).isEqualTo(200);
        JsonNode body = api.json(response);
        assertThat(body).isEqualTo(api.json(bare));
        // the client reads resp["mean"], resp["intervals"] and resp["weights_x"] (a missing key is its KeyError)
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("mean", "intervals", "weights_x");
        assertThat(body.get("mean")).hasSize(2 * HORIZON);
        assertThat(body.get("intervals").get("lo-95")).hasSize(2 * HORIZON);
        assertThat(body.get("weights_x").isNull()).isTrue();
        // what the client sends with model_parameters={} and with categorical_exog_list=[]: nothing asked
        assertThat(timeGpt(newestClientBody(", \"model_parameters\": {}")).statusCode()).isEqualTo(200);
        assertThat(timeGpt(newestClientBody("").replace("\"X\": null", "\"categorical_exog\": [], \"X\": null"))
                .statusCode()).isEqualTo(200);
        // over 1 MiB the client sends the same body compressed with zstd, saying so in content-encoding
        HttpResponse<String> zstd = api.postEncoded("/v2/forecast", "application/json", "zstd",
                Compressed.zstd(newestClientBody("")));
        assertThat(zstd.statusCode()).as(zstd.body()).isEqualTo(200);
        assertThat(api.json(zstd)).isEqualTo(body);
    }

    @Test
    void clientOptionsTsforgeCannotHonourAreProblemsNamingTheField() throws Exception {
        Map<String, String> refused = Map.of(
                "finetuned_model_id", newestClientBody("").replace("\"finetuned_model_id\": null",
                        "\"finetuned_model_id\": \"my-finetuned\""),
                "feature_contributions", newestClientBody("").replace("\"feature_contributions\": false",
                        "\"feature_contributions\": true"),
                "multivariate", newestClientBody("").replace("\"multivariate\": false", "\"multivariate\": true"),
                "model_parameters", newestClientBody(", \"model_parameters\": {\"horizon_scale\": 2}"),
                "series.categorical_exog", newestClientBody("").replace("\"X\": null",
                        "\"categorical_exog\": [0], \"X\": null"));
        for (Map.Entry<String, String> option : refused.entrySet()) {
            HttpResponse<String> response = timeGpt(option.getValue());
            assertProblem(response, 422, "model-not-usable");
            assertThat(api.json(response).get("field").asString()).isEqualTo(option.getKey());
        }
        HttpResponse<String> oneStart = timeGpt(newestClientBody("").replace("[\"2024-01-01\", \"2024-03-01\"]",
                "[\"2024-01-01\"]"));
        assertProblem(oneStart, 400, "invalid-field");
        assertThat(api.json(oneStart).get("errors").get(0).get("field").asString())
                .isEqualTo("series.start_datetime");
        assertProblem(timeGpt(newestClientBody(", \"date_features\": true")), 400, "malformed-request");
    }

    @Test
    void modelParamsAnswersWhatTheClientAsksBeforeItForecasts() throws Exception {
        HttpResponse<String> response = api.get("/model_params?model=" + modelId + "&freq=D");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        // the client reads resp["detail"]["input_size"] and resp["detail"]["horizon"]
        JsonNode detail = api.json(response).get("detail");
        assertThat(detail.get("input_size").asInt()).isEqualTo(8);
        assertThat(detail.get("horizon").asInt()).isEqualTo(2);
        assertProblem(api.get("/model_params?model=timegpt-2.1&freq=D"), 422, "model-not-usable");
        assertProblem(api.get("/model_params?model=" + modelId + "&freq=MS"), 422, "model-not-usable");
        assertProblem(api.get("/model_params?model=" + modelId + "&freq=3D"), 422, "unsupported-frequency");
        assertProblem(api.get("/model_params?model=" + modelId), 400, "invalid-field");
        assertProblem(api.get("/model_params?model=987654&freq=D"), 404, "not-found");

        // validate_api_key(): the client reads the status and prints detail (security is off here: SecurityTests)
        HttpResponse<String> keyCheck = api.get("/validate_api_key");
        assertThat(keyCheck.statusCode()).isEqualTo(200);
        assertThat(api.json(keyCheck).get("detail").asString()).isEqualTo("API key is valid");
    }

    private void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(api.json(response).get("type").asString()).isEqualTo("urn:tsforge:problem:" + type);
    }
}
