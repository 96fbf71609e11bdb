package dev.tsforge.forecasting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.HttpApi;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * Exogenous variables in TimeGPT's v2 request ({@code series.X}, {@code series.X_future}) over real HTTP: a DIRECT
 * network reading a past-only covariate {@code p} and a known-future one {@code x} (named in that order in its spec)
 * gets the rows by position, known-future first, and answers what {@code POST /api/v1/forecasts} answers for each
 * series with the same values sent as {@code covariateHistory} and {@code covariates}; what does not fit is a problem
 * naming the field and the series.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimeGptCovariatesTests {

    private static final String JSON = "application/json";
    private static final int H = 4;
    private static final int DAYS = 120;
    private static final Instant FIRST = Instant.parse("2024-01-01T00:00:00Z");

    @LocalServerPort
    int port;

    HttpApi api;
    long modelId;
    /** Two series sent in the request: y, then the rows of x and p over y, and x over the horizon. */
    final List<List<Double>> y = new ArrayList<>();
    final List<List<Double>> x = new ArrayList<>();
    final List<List<Double>> p = new ArrayList<>();
    final List<List<Double>> xAhead = new ArrayList<>();

    @BeforeAll
    void aModelReadingAPastOnlyAndAKnownFutureCovariate() throws Exception {
        api = HttpApi.localhost(port);
        long id = api.createSeries("timegpt-x-" + UUID.randomUUID(), "P1D");
        Random random = new Random(5);
        StringBuilder target = new StringBuilder("timestamp,value\n");
        StringBuilder drivers = new StringBuilder("name,timestamp,value\n");
        for (int i = 0; i < DAYS; i++) {
            double driver = random.nextGaussian();
            Instant day = FIRST.plus(Duration.ofDays(i));
            target.append(day).append(',').append(40 + 4 * driver + Math.sin(i / 2.0)).append('\n');
            drivers.append("x,").append(day).append(',').append(driver).append('\n');
            drivers.append("p,").append(day).append(',').append(Math.cos(i / 3.0)).append('\n');
        }
        api.ingestCsv(id, target.toString());
        String covariates = "/api/v1/series/" + id + "/covariates";
        assertThat(api.send("PUT", covariates + "/x", JSON, "{\"kind\": \"KNOWN_FUTURE\"}").statusCode())
                .isEqualTo(201);
        assertThat(api.send("PUT", covariates + "/p", JSON, "{\"kind\": \"PAST_ONLY\"}").statusCode())
                .isEqualTo(201);
        assertThat(api.post(covariates, "text/csv", drivers.toString()).statusCode()).isEqualTo(200);
        JsonNode job = api.awaitJobStatus(api.startTraining(id, "{\"strategy\": \"DIRECT\", \"lookback\": 8, "
                + "\"horizon\": " + H + ", \"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [6], \"epochs\": 3, "
                + "\"seed\": 3, \"covariates\": {\"series\": [\"p\", \"x\"]}}"), Duration.ofMinutes(3),
                "SUCCEEDED", "FAILED");
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        modelId = job.get("modelId").asLong();
        for (int[] series : new int[][] {{11, 12}, {7, 9}}) {
            Random values = new Random(series[0]);
            List<Double> ys = new ArrayList<>();
            List<Double> xs = new ArrayList<>();
            List<Double> ps = new ArrayList<>();
            List<Double> ahead = new ArrayList<>();
            for (int i = 0; i < series[1]; i++) {
                double driver = values.nextGaussian();
                xs.add(driver);
                ps.add(Math.cos(i / 3.0));
                ys.add(40 + 4 * driver + Math.sin(i / 2.0));
            }
            for (int i = 0; i < H; i++) {
                ahead.add(values.nextGaussian());
            }
            y.add(ys);
            x.add(xs);
            p.add(ps);
            xAhead.add(ahead);
        }
    }

    private static List<Double> concat(List<List<Double>> rows) {
        return rows.stream().flatMap(List::stream).toList();
    }

    private String request(Object xRows, Object xFutureRows, int h) {
        return "{\"series\": {\"y\": " + concat(y) + ", \"sizes\": [" + y.get(0).size() + ", " + y.get(1).size() + "]"
                + (xRows == null ? "" : ", \"X\": " + xRows) + (xFutureRows == null ? "" : ", \"X_future\": "
                + xFutureRows) + "}, \"freq\": \"D\", \"h\": " + h + ", \"level\": [80], \"model\": \"" + modelId
                + "\", \"clean_ex_first\": true, \"finetune_steps\": 0}";
    }

    private HttpResponse<String> timeGpt(String body) throws Exception {
        return api.post("/v2/forecast", JSON, body);
    }

    @Test
    void theRowsAreTheModelsCovariatesByPositionAndTheNumbersTheNativeOnes() throws Exception {
        // X: the known-future x first, then the past-only p, though the spec names p first
        HttpResponse<String> response = timeGpt(request(List.of(concat(x), concat(p)), List.of(concat(xAhead)), H));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = api.json(response);
        assertThat(body.get("mean")).hasSize(2 * H);
        for (int s = 0; s < 2; s++) {
            HttpResponse<String> nativeResponse = api.post("/api/v1/forecasts", JSON, "{\"modelId\": " + modelId
                    + ", \"values\": " + y.get(s) + ", \"lastTimestamp\": \"2031-03-01T00:00:00Z\", \"horizon\": " + H
                    + ", \"levels\": [80], \"covariateHistory\": {\"x\": " + x.get(s) + ", \"p\": " + p.get(s)
                    + "}, \"covariates\": {\"x\": " + xAhead.get(s) + "}}");
            assertThat(nativeResponse.statusCode()).as(nativeResponse.body()).isEqualTo(200);
            JsonNode points = api.json(nativeResponse).get("points");
            for (int i = 0; i < H; i++) {
                int at = s * H + i;
                assertThat(body.get("mean").get(at).asDouble()).isEqualTo(points.get(i).get("value").asDouble());
                assertThat(body.get("intervals").get("lo-80").get(at).asDouble())
                        .isEqualTo(points.get(i).get("intervals").get(0).get("lower").asDouble());
                assertThat(body.get("intervals").get("hi-80").get(at).asDouble())
                        .isEqualTo(points.get(i).get("intervals").get(0).get("upper").asDouble());
            }
        }
        // the rows swapped are other inputs, and another forecast
        HttpResponse<String> swapped = timeGpt(request(List.of(concat(p), concat(x)), List.of(concat(xAhead)), H));
        assertThat(swapped.statusCode()).as(swapped.body()).isEqualTo(200);
        assertThat(api.json(swapped).get("mean").toString()).isNotEqualTo(body.get("mean").toString());
    }

    @Test
    void whatDoesNotFitIsAProblemNamingTheFieldAndTheSeries() throws Exception {
        List<List<Double>> rows = List.of(concat(x), concat(p));
        List<List<Double>> ahead = List.of(concat(xAhead));
        JsonNode noFuture = problem(timeGpt(request(rows, null, H)), 422, "missing-covariates");
        assertThat(noFuture.get("field").asString()).isEqualTo("series.X_future");
        assertThat(noFuture.get("detail").asString()).contains("[x, p]");
        JsonNode noX = problem(timeGpt(request(null, null, H)), 422, "missing-covariates");
        assertThat(noX.get("field").asString()).isEqualTo("series.X");

        JsonNode oneRow = problem(timeGpt(request(List.of(concat(x)), ahead, H)), 400, "invalid-field");
        assertThat(oneRow.get("errors").get(0).get("field").asString()).isEqualTo("series.X");
        // p's row ends two values short: the second series is the first it does not cover
        List<Double> shortP = concat(p).subList(0, y.get(0).size() + y.get(1).size() - 2);
        JsonNode shortRow = problem(timeGpt(request(List.of(concat(x), shortP), ahead, H)), 400, "invalid-field");
        assertThat(shortRow.get("errors").get(0).get("field").asString()).isEqualTo("series.X");
        assertThat(shortRow.get("feature").asInt()).isEqualTo(1);
        assertThat(shortRow.get("seriesIndex").asInt()).isEqualTo(1);
        List<Double> shortAhead = concat(xAhead).subList(0, H - 1);
        JsonNode shortFuture = problem(timeGpt(request(rows, List.of(shortAhead), H)), 400, "invalid-field");
        assertThat(shortFuture.get("errors").get(0).get("field").asString()).isEqualTo("series.X_future");
        assertThat(shortFuture.get("seriesIndex").asInt()).isEqualTo(0);
        List<Double> withNull = new ArrayList<>(concat(x));
        withNull.set(y.get(0).size() + 3, null);
        JsonNode nullValue = problem(timeGpt(request(List.of(withNull, concat(p)), ahead, H)), 400, "invalid-field");
        assertThat(nullValue.get("seriesIndex").asInt()).isEqualTo(1);
        assertThat(nullValue.get("feature").asInt()).isEqualTo(0);

        // a DIRECT model reads the values ahead of whole passes; a past-only variable only within the first
        List<List<Double>> lessAhead = List.of(Stream.concat(xAhead.get(0).stream().limit(H - 1),
                xAhead.get(1).stream().limit(H - 1)).toList());
        assertThat(problem(timeGpt(request(rows, lessAhead, H - 1)), 422, "missing-covariates").get("detail")
                .asString()).contains("multiple of " + H);
        List<List<Double>> twoPasses = List.of(Stream.concat(Stream.concat(xAhead.get(0).stream(),
                xAhead.get(0).stream()), Stream.concat(xAhead.get(1).stream(), xAhead.get(1).stream())).toList());
        assertThat(problem(timeGpt(request(rows, twoPasses, 2 * H)), 422, "missing-covariates").get("detail")
                .asString()).contains("[p]");
    }

    private JsonNode problem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = api.json(response);
        assertThat(problem.get("type").asString()).isEqualTo("urn:tsforge:problem:" + type);
        return problem;
    }
}
