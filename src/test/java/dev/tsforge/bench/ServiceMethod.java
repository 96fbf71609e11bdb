package dev.tsforge.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service as a user drives it over HTTP: a series, its training part ingested as CSV, an AUTO training with the
 * series' horizon and a time budget, then a forecast with a 95 % interval from the trained model.
 */
final class ServiceMethod {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final int budgetSeconds;

    ServiceMethod(String baseUrl, int budgetSeconds) {
        this.baseUrl = baseUrl;
        this.budgetSeconds = budgetSeconds;
    }

    /** The forecast and the AUTO job's account of its search. */
    record Result(MethodForecast forecast, String outcome) {
    }

    Result forecast(BenchSeries series) throws IOException, InterruptedException {
        long started = System.nanoTime();
        JsonNode created = send("POST", "/api/v1/series", Map.of("name", series.name() + "-" + UUID.randomUUID(),
                "frequency", series.frequency(), "seasonalPeriod", series.period()), 201);
        long seriesId = created.get("id").asLong();
        send("POST", "/api/v1/series/" + seriesId + "/points", String.join("\n", series.observed()) + "\n", 200);
        // LINEAR: gaps filled as the statistical methods here fill them; no effect on a complete series
        JsonNode job = send("POST", "/api/v1/series/" + seriesId + "/auto-trainings", Map.of("horizon",
                series.horizon(), "budgetSeconds", budgetSeconds, "gapPolicy", "LINEAR", "seed", 42), 202);
        job = await(job.get("id").asLong());
        if (!"SUCCEEDED".equals(job.get("status").asString())) {
            throw new IllegalStateException("AUTO training of " + series.name() + " ended " + job);
        }
        JsonNode forecast = send("POST", "/api/v1/forecasts", Map.of("modelId", job.get("modelId").asLong(),
                "horizon", series.horizon(), "levels", new double[] {95}), 200);
        int h = series.horizon();
        double[] mean = new double[h];
        double[] lower = new double[h];
        double[] upper = new double[h];
        for (int i = 0; i < h; i++) {
            JsonNode step = forecast.get("points").get(i);
            mean[i] = step.get("value").asDouble();
            JsonNode interval = step.get("intervals").get(0);
            lower[i] = interval.get("lower").isNull() ? Double.NaN : interval.get("lower").asDouble();
            upper[i] = interval.get("upper").isNull() ? Double.NaN : interval.get("upper").asDouble();
        }
        boolean calibrated = !Double.isNaN(lower[0]);
        return new Result(new MethodForecast("service AUTO", mean, calibrated ? lower : null,
                calibrated ? upper : null, (System.nanoTime() - started) / 1e9), job.get("outcome").asString());
    }

    private JsonNode await(long jobId) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(budgetSeconds * 3L + 120);
        while (Instant.now().isBefore(deadline)) {
            JsonNode job = send("GET", "/api/v1/training-jobs/" + jobId, null, 200);
            String status = job.get("status").asString();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return job;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("training job " + jobId + " did not finish in time");
    }

    private JsonNode send(String method, String path, Object body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofMinutes(2)).header("Accept", "application/json");
        if (body instanceof String csv) {
            request.header("Content-Type", "text/csv").method(method, HttpRequest.BodyPublishers.ofString(csv));
        } else if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }
}
