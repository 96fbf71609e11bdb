package dev.tsforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.Csv;
import dev.tsforge.support.HttpApi;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hundreds of malformed or hostile requests across every endpoint, listed in {@code bad-input/requests.tsv} and
 * generated below: each must get a 4xx problem detail with a stable type, nothing may be stored, and the service
 * must answer normally afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tsforge.limits.max-request-bytes=65536", "tsforge.limits.max-points-per-request=500",
        "tsforge.limits.max-batch-items=5", "tsforge.limits.max-horizon=200"})
@ActiveProfiles("test")
class BadInputCorpusTests {

    private static final String JSON = "application/json";
    private static final String CSV = "text/csv";
    private static final String DAY = "2024-06-01T00:00:00Z";

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;

    HttpApi api;

    @BeforeEach
    void api() {
        api = HttpApi.localhost(port);
    }

    record Case(String method, String path, String contentType, String body) {

        Case resolve(long series, long model) {
            return new Case(method, path.replace("{series}", String.valueOf(series))
                    .replace("{model}", String.valueOf(model)), contentType,
                    body == null ? null : body.replace("{series}", String.valueOf(series))
                            .replace("{model}", String.valueOf(model)));
        }
    }

    @Test
    void everyBadRequestGetsAProblemAndStoresNothing() throws Exception {
        long series = createSeries();
        long model = trainModel(series);
        List<Case> cases = new ArrayList<>(listed());
        cases.addAll(generated());
        assertThat(cases).hasSizeGreaterThanOrEqualTo(200);

        Map<String, Long> before = counts();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        Map<String, Integer> byType = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Case raw : cases) {
            Case hostile = raw.resolve(series, model);
            HttpResponse<String> response = send(hostile);
            String what = hostile.method() + " " + hostile.path() + " [" + hostile.contentType() + "] "
                    + abbreviate(hostile.body());
            String type = problemType(response);
            if (response.statusCode() < 400 || response.statusCode() > 499 || type == null
                    || type.equals("urn:tsforge:problem:internal-error")) {
                failures.add(what + " → " + response.statusCode() + " " + abbreviate(response.body()));
                continue;
            }
            byStatus.merge(response.statusCode(), 1, Integer::sum);
            byType.merge(type.substring("urn:tsforge:problem:".length()), 1, Integer::sum);
        }
        assertThat(failures).as("requests without a 4xx problem detail").isEmpty();
        System.out.printf("BadInputCorpusTests: %d hostile requests; by status %s; by type %s%n", cases.size(),
                byStatus, byType);

        assertThat(counts()).as("nothing partial stored").isEqualTo(before);
        assertThat(send(new Case("GET", "/actuator/health", null, null)).statusCode()).isEqualTo(200);
        HttpResponse<String> forecast = send(new Case("POST", "/api/v1/forecasts", JSON,
                "{\"modelId\": " + model + ", \"horizon\": 3}"));
        assertThat(forecast.statusCode()).as("still forecasting: %s", forecast.body()).isEqualTo(200);
    }

    /** The problem type, when the response is a well-formed problem detail of its own status; else null. */
    private String problemType(HttpResponse<String> response) {
        return problemType(json, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    static String problemType(JsonMapper json, int status, String contentType, String body) {
        if (!contentType.startsWith("application/problem+json")) {
            return null;
        }
        JsonNode problem = json.readTree(body);
        String type = problem.path("type").asString();
        String detail = problem.path("detail").asString();
        boolean wellFormed = type.startsWith("urn:tsforge:problem:") && problem.path("status").asInt() == status
                && !detail.isBlank() && !detail.contains("Exception") && !detail.contains("\tat ");
        return wellFormed ? type : null;
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : List.of("series", "series_point", "training_job", "model_version", "api_key")) {
            counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
        }
        return counts;
    }

    private long createSeries() throws Exception {
        long id = api.createSeries("corpus", "P1D");
        api.ingestCsv(id, Csv.daily(120, day -> 10 + Math.sin(day / 2.0)));
        return id;
    }

    private long trainModel(long series) throws Exception {
        long job = api.startTraining(series, "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [4],"
                + " \"lookback\": 12, \"horizon\": 3, \"epochs\": 2}");
        JsonNode state = api.awaitJobStatus(job, Duration.ofMinutes(2), "SUCCEEDED", "FAILED", "CANCELLED");
        assertThat(state.get("status").asString()).as("the corpus' model: %s", state).isEqualTo("SUCCEEDED");
        return state.get("modelId").asLong();
    }

    private HttpResponse<String> send(Case request) throws IOException, InterruptedException {
        return api.send(request.method(), request.path(), request.contentType(), request.body());
    }

    private static List<Case> listed() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = BadInputCorpusTests.class.getResourceAsStream("/bad-input/requests.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", 4);
                cases.add(new Case(fields[0], fields[1], "-".equals(fields[2]) ? null : fields[2],
                        "-".equals(fields[3]) ? null : unescape(fields[3])));
            }
        }
        return cases;
    }

    static String unescape(String text) {
        return text.replace("\\u00e9", "\u00e9").replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t")
                .replace("\\uFEFF", "\uFEFF")
                .replace("\\u0000", "\u0000").replace("\\u0001", "\u0001").replace("\\u0002", "\u0002");
    }

    /** The same kinds of mistakes, field by field and value by value. */
    private static List<Case> generated() {
        List<Case> cases = new ArrayList<>();
        String points = "/api/v1/series/{series}/points";
        for (String value : List.of("NaN", "Infinity", "-Infinity", "1e999", "-1e999", "abc", "", " ", "1,5",
                "0x10", "--1", "1.0.0", "∞", "null", "1e", ".", "+-3", "١٢")) {
            cases.add(new Case("POST", points, JSON, "[{\"timestamp\": \"" + DAY + "\", \"value\": \"" + value + "\"}]"));
            cases.add(new Case("POST", points, CSV, "timestamp,value\n" + DAY + "," + value + "\n"));
        }
        for (String timestamp : List.of("2024-06-01T12:00:00Z", "2024-06-01T00:00:00+05:00",
                "2024-06-01T12:00:00", "2024-06-01 12:00", "99999-01-01T00:00:00Z", "-2024-01-01T00:00:00Z", "2024-02-30T00:00:00Z",
                "2024-06-01T25:00:00Z", "now", "1717200000", "2024-W22", "", "2024-06-01T00:00:00Z[Mars/Olympus]")) {
            cases.add(new Case("POST", points, JSON, "[{\"timestamp\": \"" + timestamp + "\", \"value\": 1.0}]"));
            cases.add(new Case("POST", points, CSV, "timestamp,value\n" + timestamp + ",1.0\n"));
        }
        for (String frequency : List.of("P0D", "PT0S", "-P1D", "PT-1H", "P1.5D", "1d", "daily", "P1Y1M", "",
                "PT1H30M15S", "P9999999999D")) {
            cases.add(new Case("POST", "/api/v1/series", JSON,
                    "{\"name\": \"f-" + Math.abs(frequency.hashCode()) + "\", \"frequency\": \"" + frequency + "\"}"));
        }
        for (String grid : List.of("\"frequency\": \"P1W\", \"anchor\": \"WEDS\"",
                "\"frequency\": \"P1M\", \"anchor\": \"MONDAY\"", "\"frequency\": \"P1D\", \"anchor\": \"END\"",
                "\"frequency\": \"P1W\", \"businessDays\": true", "\"frequency\": \"P1D\", \"businessDays\": \"maybe\"",
                "\"frequency\": \"PT1H\", \"timeZone\": \"Europe/Berlin\"",
                "\"frequency\": \"P1D\", \"timeZone\": \"Mars/Olympus\"", "\"frequency\": \"P1D\", \"timeZone\": \"\"",
                "\"frequency\": \"P1D\", \"nonNegative\": \"yes please\"")) {
            cases.add(new Case("POST", "/api/v1/series", JSON,
                    "{\"name\": \"g-" + Math.abs(grid.hashCode()) + "\", " + grid + "}"));
        }
        // the corpus series has points: its grid is fixed; the rest is malformed
        for (String patch : List.of("{\"frequency\": \"P1W\"}", "{\"timeZone\": \"Europe/Berlin\"}",
                "{\"businessDays\": true}", "{\"name\": \"renamed\"}", "{\"frequency\": null}",
                "{\"seasonalPeriod\": -1}", "{\"unit\": \"" + "u".repeat(65) + "\"}", "[]", "null", "{",
                "{\"nonNegative\": {}}")) {
            cases.add(new Case("PATCH", "/api/v1/series/{series}", JSON, patch));
        }
        for (String name : List.of("", " ", "a".repeat(129), "-leading", ".dot", "has space", "emoji😀", "a/b",
                "a\\\\b", "corpus")) {
            cases.add(new Case("POST", "/api/v1/series", JSON, "{\"name\": \"" + name + "\", \"frequency\": \"P1D\"}"));
        }
        Map<String, List<String>> outOfRange = new TreeMap<>(Map.of(
                "epochs", List.of("0", "-1", "1000000000", "10001"),
                "batchSize", List.of("0", "-5", "10000000"),
                "lookback", List.of("0", "-1", "1000000"),
                "horizon", List.of("0", "-1", "1000000"),
                "learningRate", List.of("0", "-0.1", "2", "\"fast\""),
                "dropout", List.of("-0.1", "1", "1.5"),
                "validationFraction", List.of("-0.1", "0.95", "2"),
                "l2", List.of("-1", "5"),
                "gradientClipThreshold", List.of("0", "-1"),
                "earlyStoppingPatience", List.of("-1", "1000000000")));
        outOfRange.forEach((field, values) -> values.forEach(value -> cases.add(new Case("POST",
                "/api/v1/series/{series}/trainings", JSON, "{\"" + field + "\": " + value + "}"))));
        for (String horizon : List.of("0", "-1", "201", "1000000000", "\"x\"")) {
            cases.add(new Case("POST", "/api/v1/forecasts", JSON, "{\"modelId\": {model}, \"horizon\": " + horizon + "}"));
            cases.add(new Case("POST", "/api/v1/forecasts", JSON, "{\"seriesId\": {series}, \"horizon\": " + horizon + "}"));
        }
        for (String levels : List.of("[0]", "[100]", "[150]", "[-5]", "[null]", "[\"high\"]")) {
            cases.add(new Case("POST", "/api/v1/forecasts", JSON, "{\"modelId\": {model}, \"levels\": " + levels + "}"));
        }
        for (String setting : List.of("\"folds\": 0", "\"folds\": -1", "\"folds\": 101", "\"horizon\": 0",
                "\"horizon\": -1", "\"horizon\": 201", "\"step\": 0", "\"step\": -3",
                "\"step\": 1000000000", "\"folds\": 100, \"step\": 100000", "\"levels\": [150]")) {
            cases.add(new Case("POST", "/api/v1/backtests", JSON, "{\"modelId\": {model}, " + setting + "}"));
        }
        for (String query : List.of("levels=150", "levels=0", "from=2024-06-02&to=2024-06-01", "horizon=0",
                "horizon=201", "width=1000000", "last=-1", "levels=x")) {
            cases.add(new Case("GET", "/api/v1/series/{series}/chart.png?" + query, null, null));
        }
        for (String query : List.of("folds=0", "folds=101", "step=1000000000", "horizon=201", "step=-1")) {
            cases.add(new Case("GET", "/api/v1/models/{model}/backtest-chart.png?" + query, null, null));
        }
        for (String path : List.of("/api/v1/series/424242", "/api/v1/series/424242/points",
                "/api/v1/series/424242/trainings", "/api/v1/series/424242/models", "/api/v1/models/424242/artifact",
                "/api/v1/training-jobs/424242/losses", "/api/v1/series/x/points", "/api/v1/models/1.5")) {
            cases.add(new Case("GET", path, null, null));
        }
        StringBuilder tooMany = new StringBuilder("timestamp,value\n");
        Instant start = Instant.parse("2030-01-01T00:00:00Z");
        for (int i = 0; i < 501; i++) {
            tooMany.append(start.plus(Duration.ofDays(i))).append(",1\n");
        }
        cases.add(new Case("POST", points, CSV, tooMany.toString()));
        cases.add(new Case("POST", points, CSV, "timestamp,value\n" + (DAY + ",1\n").repeat(4000)));
        cases.add(new Case("POST", "/api/v1/series", JSON, "{\"name\": \"" + "x".repeat(70_000) + "\"}"));
        cases.add(new Case("POST", "/api/v1/forecasts", JSON,
                "{\"modelId\": {model}, \"values\": [" + "1,".repeat(40_000) + "1]}"));
        return cases;
    }

    static String abbreviate(String body) {
        if (body == null) {
            return "(no body)";
        }
        return body.length() <= 120 ? body : body.substring(0, 120) + "… (" + body.length() + " chars)";
    }
}
