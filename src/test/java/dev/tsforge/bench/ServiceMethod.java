package dev.tsforge.bench;

import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.StatisticalSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
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
     * @param minTraining    what a refit of the winner's spec needs before the first origin: its holdout, and a
     *                       network its windows, a statistical model a few values
     * @param outcome        the job's account of its search
     * @param winner         the spec AUTO chose, in short
     * @param runningSeconds the job's time from RUNNING to SUCCEEDED (its own timestamps): what the budget bounds
     * @param fallback       the forecast's {@code fallback} field as text, null when absent or null
     * @param intervalMethod the forecast's {@code intervalMethod}, null when absent
     */
    record Result(MethodForecast forecast, long seriesId, long modelId, int minTraining, String outcome,
            String winner, int budgetSeconds, double runningSeconds, String fallback, String intervalMethod) {

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
        // the service's refit needs ModelSpec.minimumPoints before the first origin: its own holdout and windows
        int outputSteps = "DIRECT".equals(ServiceClient.text(spec, "strategy")) ? spec.get("horizon").asInt() : 1;
        int minTraining = spec.get("horizon").asInt() + (spec.has("methods") ? StatisticalSpec.MIN_HISTORY
                : spec.get("lookback").asInt() + outputSteps - 1 + ModelSpec.MIN_WINDOWS);
        return new Result(auto, seriesId, modelId, minTraining, job.get("outcome").asString(), winner(job.get("spec")),
                budgetSeconds, ServiceClient.seconds(job, "startedAt", "finishedAt"),
                ServiceClient.text(forecast, "fallback"), intervalMethod(forecast));
    }

    /** How the forecast's (one) level of intervals was made, null when the service does not say. */
    private static String intervalMethod(JsonNode forecast) {
        JsonNode methods = forecast.get("intervalMethods");
        return methods == null || methods.isEmpty() ? null : ServiceClient.text(methods.get(0), "method");
    }

    /**
     * "LSTM [16] lookback 12", "ETS(MAdM) lookback 60", "COMBINATION(THETA+ETS(ANN)+NAIVE) lookback 60",
     * "COMBINATION(ETS(AAN)+ARIMA+THETA) lookback 60, ARIMA 580"; read null-safely, as the spec's shape may grow.
     */
    static String winner(JsonNode spec) {
        JsonNode methods = spec.get("methods");
        if (methods != null && methods.isArray() && !methods.isEmpty()) {
            List<String> names = new java.util.ArrayList<>();
            for (JsonNode method : methods) {
                names.add("ETS".equals(method.asString()) ? "ETS(" + ServiceClient.text(spec, "etsForm") + ")"
                        : method.asString());
            }
            String name = names.size() == 1 ? names.get(0) : "COMBINATION(" + String.join("+", names) + ")";
            String arima = ServiceClient.text(spec, "arimaLookback");
            return name + " lookback " + ServiceClient.text(spec, "lookback")
                    + (arima == null ? "" : ", ARIMA " + arima);
        }
        String architecture = ServiceClient.text(spec, "architecture");
        String layers = spec.get("hiddenSizes") == null || "THETA".equals(architecture) ? ""
                : " " + spec.get("hiddenSizes").toString().replace(",", ", ");
        return architecture + layers + " lookback " + ServiceClient.text(spec, "lookback");
    }
}
