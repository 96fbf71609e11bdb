package dev.tsforge.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Coverage of the service's intervals over rolling origins, measured by the service's own refitting backtest of the
 * AUTO winner's spec: at each origin the spec is trained anew on the values before it and calibrated as AUTO's model
 * was, then its 80 % and 95 % intervals are checked against the next {@code horizon} values. Runs after every method
 * has forecast the holdout, which it first ingests: the last fold then is the M4 holdout itself.
 */
final class ServiceCoverage {

    static final List<Double> LEVELS = List.of(80.0, 95.0);

    private final ServiceClient client;
    private final int wantedFolds;
    private final int budgetSeconds;

    ServiceCoverage(ServiceClient client, int wantedFolds, int budgetSeconds) {
        this.client = client;
        this.wantedFolds = wantedFolds;
        this.budgetSeconds = budgetSeconds;
    }

    Coverage measure(BenchSeries series, ServiceMethod.Result auto) throws IOException, InterruptedException {
        client.send("POST", "/api/v1/series/" + auto.seriesId() + "/points",
                series.observed().get(0) + "\n" + String.join("\n", series.heldOut()) + "\n", 200);
        int minTraining = auto.minTraining();
        // the service counts the points it holds, not grid steps: a series with gaps has fewer to backtest on
        int points = series.length() - series.missing();
        CoveragePlan plan = CoveragePlan.of(points, minTraining, series.horizon(), series.period(), wantedFolds);
        if (plan == null) {
            return Coverage.skipped(series, "too short: refitting " + auto.winner() + " needs "
                    + (minTraining + series.horizon()) + " values, the series has " + points);
        }
        JsonNode job;
        try {
            job = client.send("POST", "/api/v1/backtests", Map.of("modelId", auto.modelId(), "refit", true,
                    "folds", plan.folds(), "horizon", series.horizon(), "step", plan.step(), "levels", LEVELS), 202);
        } catch (IllegalStateException refused) {
            // one series the service will not backtest must not end the run
            return Coverage.skipped(series, "backtest refused: " + refused.getMessage());
        }
        // a fold refits the winner, which took at most about the budget within AUTO's search
        String path = "/api/v1/backtest-jobs/" + job.get("id").asLong();
        try {
            job = client.await(path, Duration.ofSeconds(plan.folds() * (budgetSeconds + 30L) + 120));
        } catch (IllegalStateException timedOut) {
            client.send("POST", path + "/cancel", null, 200);
            return Coverage.skipped(series, "backtest cancelled: " + timedOut.getMessage());
        }
        if (!"SUCCEEDED".equals(job.get("status").asString())) {
            return Coverage.skipped(series, "backtest " + job.get("status").asString() + ": "
                    + ServiceClient.text(job, "errorMessage"));
        }
        JsonNode result = job.get("result");
        JsonNode coverage = result.get("aggregate").get("coverage");
        int folds = result.get("folds").asInt();
        return new Coverage(series.name(), series.group(), folds, plan.step(), folds * series.horizon(),
                level(coverage, "80"), level(coverage, "95"), ServiceClient.seconds(job, "startedAt", "finishedAt"),
                null);
    }

    private static double level(JsonNode coverage, String label) {
        JsonNode value = coverage.get(label);
        return value == null || value.isNull() ? Double.NaN : value.asDouble();
    }
}
