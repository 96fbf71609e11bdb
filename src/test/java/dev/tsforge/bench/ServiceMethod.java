package dev.tsforge.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The service as a user drives it over HTTP: a series on the manifest's grid, its training part ingested as CSV, an
 * AUTO training with the series' horizon and a time budget, then a forecast with a 95 % interval from the trained
 * model.
 */
final class ServiceMethod {

    private final ServiceClient client;
    private final int budgetSeconds;

    ServiceMethod(ServiceClient client, int budgetSeconds) {
        this.client = client;
        this.budgetSeconds = budgetSeconds;
    }

    /**
     * The forecast and what the AUTO job did.
     *
     * @param lookback       the winner's lookback and output steps: what a refit of its spec needs before the first
     *                       origin
     * @param outcome        the job's account of its search
     * @param winner         the spec AUTO chose, in short
     * @param runningSeconds the job's time from RUNNING to SUCCEEDED (its own timestamps): what the budget bounds
     * @param fallback       the forecast's {@code fallback} field as text, null when absent or null
     * @param intervalMethod the forecast's {@code intervalMethod}, null when absent
     */
    record Result(MethodForecast forecast, long seriesId, long modelId, int lookback, int outputSteps, String outcome, String winner,
            int budgetSeconds, double runningSeconds, String fallback, String intervalMethod) {

        AutoRun run(BenchSeries series) {
            return new AutoRun(series.name(), series.group(), winner, budgetSeconds, runningSeconds, fallback,
                    intervalMethod);
        }
    }

    Result forecast(BenchSeries series) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("name", series.name() + "-" + UUID.randomUUID());
        create.put("frequency", series.frequency());
        create.put("seasonalPeriod", series.period());
        // the anchor only where the manifest gives one, as a user creates a default grid; businessDays for every daily
        // series, true or false: left out, the first ingested batch decides, and might not decide as the bench's grid
        if (series.setup().anchor() != null) {
            create.put("anchor", series.setup().anchor());
        }
        if (series.frequency().equals("P1D")) {
            create.put("businessDays", series.setup().businessDays());
        }
        long seriesId = client.send("POST", "/api/v1/series", create, 201).get("id").asLong();
        client.send("POST", "/api/v1/series/" + seriesId + "/points", String.join("\n", series.observed()) + "\n",
                200);
        // LINEAR: gaps filled as the statistical methods here fill them; no effect on a complete series
        JsonNode job = client.send("POST", "/api/v1/series/" + seriesId + "/auto-trainings", Map.of("horizon",
                series.horizon(), "budgetSeconds", budgetSeconds, "gapPolicy", "LINEAR", "seed", 42), 202);
        job = client.await("/api/v1/training-jobs/" + job.get("id").asLong(),
                Duration.ofSeconds(budgetSeconds * 3L + 120));
        if (!"SUCCEEDED".equals(job.get("status").asString())) {
            throw new IllegalStateException("AUTO training of " + series.name() + " ended " + job);
        }
        long modelId = job.get("modelId").asLong();
        JsonNode forecast = client.send("POST", "/api/v1/forecasts", Map.of("modelId", modelId,
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
        MethodForecast auto = new MethodForecast("service AUTO", mean, calibrated ? lower : null,
                calibrated ? upper : null, (System.nanoTime() - started) / 1e9);
        JsonNode spec = job.get("spec");
        // a DIRECT spec (Theta is one) emits its whole horizon per window
        int outputSteps = "DIRECT".equals(ServiceClient.text(spec, "strategy")) ? spec.get("horizon").asInt() : 1;
        return new Result(auto, seriesId, modelId, spec.get("lookback").asInt(), outputSteps, job.get("outcome").asString(), winner(job.get("spec")),
                budgetSeconds, ServiceClient.seconds(job, "startedAt", "finishedAt"),
                ServiceClient.text(forecast, "fallback"), ServiceClient.text(forecast, "intervalMethod"));
    }

    /** "LSTM [16] lookback 12", "THETA lookback 60"; read null-safely, as the spec's shape may grow. */
    static String winner(JsonNode spec) {
        String architecture = ServiceClient.text(spec, "architecture");
        String layers = spec.get("hiddenSizes") == null || "THETA".equals(architecture) ? ""
                : " " + spec.get("hiddenSizes").toString().replace(",", ", ");
        return architecture + layers + " lookback " + ServiceClient.text(spec, "lookback");
    }
}
