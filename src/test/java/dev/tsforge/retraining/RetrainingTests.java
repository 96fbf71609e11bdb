package dev.tsforge.retraining;

import static dev.tsforge.support.CycleSeries.POINTS;
import static dev.tsforge.support.CycleSeries.START;
import static dev.tsforge.support.CycleSeries.csv;
import static dev.tsforge.support.CycleSeries.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.Await;
import dev.tsforge.support.CycleSeries;
import dev.tsforge.support.HttpApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Retraining policies over real HTTP: a series whose level shifts is flagged as drifting by the ledger and its
 * ON_DRIFT policy starts a warm retraining, whose model is registered through the usual gate; AFTER_POINTS fires at
 * its count and not before, and a trigger while the last retraining is queued is skipped; a statistical champion is
 * refitted; a series without a champion has its trigger skipped with the reason. {@link RetrainingPolicyApiTests}
 * has the policies' scopes and validation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RetrainingTests {

    private static final String JSON = "application/json";
    private static final int HORIZON = 4;

    @LocalServerPort
    int port;
    @Autowired
    RetrainingTriggers triggers;
    @Autowired
    Retrainer retrainer;
    @Autowired
    RetrainingPolicies policies;
    @Autowired
    MeterRegistry meters;

    private HttpApi api;

    @BeforeEach
    void client() {
        api = HttpApi.localhost(port);
    }

    private HttpResponse<String> put(String path, String body) throws Exception {
        return api.send("PUT", path, JSON, body);
    }

    private JsonNode policy(long series) throws Exception {
        HttpResponse<String> response = api.get("/api/v1/series/" + series + "/retraining-policy");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return api.json(response);
    }

    private JsonNode awaitFirings(long series, int count) throws Exception {
        return Await.until(count + " firings of series " + series, Duration.ofSeconds(30), Duration.ofMillis(100),
                () -> policy(series), view -> view.get("firings").size() >= count);
    }

    private double counted(String outcome, String trigger) {
        var counter = meters.find("tsforge.retraining." + outcome).tag("trigger", trigger).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aDriftingSeriesIsRetrainedByItsOnDriftPolicy() throws Exception {
        long[] ids = CycleSeries.withChampion(api, "retrain-drift");
        long series = ids[0];
        long champion = ids[1];
        assertThat(put("/api/v1/series/" + series + "/recording", "{\"mode\": \"EVERY\"}").statusCode())
                .isEqualTo(200);
        HttpResponse<String> set = put("/api/v1/series/" + series + "/retraining-policy",
                "{\"trigger\": \"ON_DRIFT\", \"start\": \"WARM\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        JsonNode view = api.json(set);
        assertThat(view.get("scope").asString()).isEqualTo("SERIES");
        assertThat(view.get("trigger").asString()).isEqualTo("ON_DRIFT");
        assertThat(view.get("start").asString()).isEqualTo("WARM");
        assertThat(view.get("lastFiring").isNull()).isTrue();
        double startedBefore = counted("started", "ON_DRIFT");

        // as LedgerTests: three recorded forecasts, each followed by actuals 20 above the old level
        int end = POINTS;
        for (int round = 1; round <= 3; round++) {
            HttpResponse<String> forecast = api.post("/api/v1/forecasts", JSON,
                    "{\"seriesId\": " + series + ", \"horizon\": " + HORIZON + "}");
            assertThat(forecast.statusCode()).as(forecast.body()).isEqualTo(200);
            int recorded = round;
            Await.until(round + " recorded forecasts", Duration.ofSeconds(30), Duration.ofMillis(100),
                    () -> api.json(api.get("/api/v1/series/" + series + "/recorded-forecasts")),
                    page -> page.get("totalItems").asInt() == recorded);
            api.ingestCsv(series, csv(end, end + HORIZON, 20));
            end += HORIZON;
        }

        JsonNode fired = awaitFirings(series, 1).get("lastFiring");
        assertThat(fired.get("trigger").asString()).isEqualTo("ON_DRIFT");
        assertThat(fired.get("outcome").asString()).as(fired.toString()).isEqualTo("STARTED");
        assertThat(fired.get("reason").asString()).startsWith("drift flagged under model " + champion);
        assertThat(fired.get("seriesId").asLong()).isEqualTo(series);
        long jobId = fired.get("jobId").asLong();
        assertThat(counted("started", "ON_DRIFT")).isEqualTo(startedBefore + 1);

        JsonNode job = api.awaitJobStatus(jobId, Duration.ofMinutes(3), "SUCCEEDED", "FAILED");
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("parentModelId").asLong()).as("WARM continues the champion").isEqualTo(champion);
        // the registry's own decision: measured against seasonal naive, and against the champion once past it
        assertThat(job.get("outcome").asString()).matches("(champion|challenger): MAE .*seasonal naive.*");
        long retrained = job.get("modelId").asLong();
        JsonNode model = api.json(api.get("/api/v1/models/" + retrained));
        assertThat(model.get("seriesId").asLong()).isEqualTo(series);
        assertThat(model.get("parentModelId").asLong()).isEqualTo(champion);
        assertThat(model.get("trainingJobId").asLong()).isEqualTo(jobId);
        assertThat(model.get("evaluation").get("seasonalNaive").get("mae").asDouble()).isPositive();
        assertThat(model.get("dataTo").asString()).as("trained on the shifted points too")
                .isEqualTo(START.plusSeconds(3600L * (end - 1 - HORIZON)).toString());
    }

    @Test
    void afterPointsFiresAtItsCountNotBeforeAndOneRetrainingAtATime() throws Exception {
        long[] ids = CycleSeries.withChampion(api, "retrain-points");
        long series = ids[0];
        HttpResponse<String> set = put("/api/v1/series/" + series + "/retraining-policy",
                "{\"trigger\": \"AFTER_POINTS\", \"points\": 5, \"start\": \"FRESH\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(api.json(set).get("points").asInt()).isEqualTo(5);

        api.ingestCsv(series, csv(POINTS, POINTS + 4, 0));
        // counted here, on the test's thread, rather than waiting for the trigger's thread to have looked
        triggers.counted(series);
        assertThat(policy(series).get("firings")).as("4 new points of 5").isEmpty();
        api.ingestCsv(series, csv(POINTS + 4, POINTS + 5, 0));
        JsonNode first = awaitFirings(series, 1).get("lastFiring");
        assertThat(first.get("outcome").asString()).as(first.toString()).isEqualTo("STARTED");
        assertThat(first.get("reason").asString()).isEqualTo("5 new points (the policy fires after 5)");
        long jobId = first.get("jobId").asLong();

        // JobRunr looks for queued jobs every few seconds: the job is queued or running when the next trigger comes
        RetrainingPolicy policy = policies.applying(series).orElseThrow();
        Firing second = retrainer.fire(policy, series, null, "a second trigger");
        assertThat(second.outcome()).isEqualTo(Firing.Outcome.SKIPPED);
        assertThat(second.detail()).matches("the previous retraining, job " + jobId + ", is still (QUEUED|RUNNING)");
        assertThat(policy(series).get("lastFiring").get("detail").asString()).isEqualTo(second.detail());

        JsonNode job = api.awaitJobStatus(jobId, Duration.ofMinutes(3), "SUCCEEDED", "FAILED");
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("parentModelId").isNull()).as("FRESH: new weights").isTrue();
        assertThat(job.get("spec").get("hiddenSizes").get(0).asInt()).as("the champion's spec").isEqualTo(4);
        Firing third = retrainer.fire(policy, series, null, "a trigger after the job ended");
        assertThat(third.outcome()).as(String.valueOf(third.detail())).isEqualTo(Firing.Outcome.STARTED);
        api.awaitJobStatus(third.jobId(), Duration.ofMinutes(3), "SUCCEEDED", "FAILED");
    }

    /**
     * AutoTrainingTests' irregular monthly season, where a statistical method wins AUTO's validation: WARM has no
     * weights to continue, so the retraining refits the champion's method (no parent) on the new data, reading what
     * the holdout leaves of it. February 2000 is missing: the last run after that gap bounds what the refit reads.
     */
    @Test
    void aStatisticalChampionIsRefitted() throws Exception {
        long series = api.createSeries("retrain-statistical-" + System.nanoTime(), "P1M");
        double[] factors = {1.4, 0.7, 1.1, 0.9, 1.3, 0.6, 1.0, 1.2, 0.8, 1.0, 0.9, 1.1};
        java.util.Random noise = new java.util.Random(3);
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 49; i++) {
            if (i == 1) {
                continue;
            }
            csv.append(String.format("%04d-%02d-01T00:00:00Z", 2000 + i / 12, i % 12 + 1)).append(',')
                    .append(100 * factors[i % 12] * (1 + 0.03 * noise.nextGaussian())).append('\n');
        }
        int header = csv.indexOf("\n") + 1;
        int last = csv.lastIndexOf("\n", csv.length() - 2) + 1;
        api.ingestCsv(series, csv.substring(0, last));
        HttpResponse<String> queued = api.post("/api/v1/series/" + series + "/auto-trainings", JSON,
                "{\"budgetSeconds\": 10, \"horizon\": 6}");
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        JsonNode auto = api.awaitJobStatus(api.json(queued).get("id").asLong(), Duration.ofMinutes(2), "SUCCEEDED",
                "FAILED");
        assertThat(auto.get("status").asString()).as(auto.toString()).isEqualTo("SUCCEEDED");
        JsonNode champion = api.json(api.get("/api/v1/models/" + auto.get("modelId").asLong()));
        assertThat(champion.get("champion").asBoolean()).isTrue();
        assertThat(champion.get("spec").get("architecture").asString())
                .isIn("SEASONAL_NAIVE", "ETS", "THETA", "COMBINATION");

        assertThat(put("/api/v1/series/" + series + "/retraining-policy",
                "{\"trigger\": \"AFTER_POINTS\", \"points\": 1, \"start\": \"WARM\"}").statusCode())
                .isEqualTo(200);
        api.ingestCsv(series, csv.substring(0, header) + csv.substring(last));
        JsonNode fired = awaitFirings(series, 1).get("lastFiring");
        assertThat(fired.get("outcome").asString()).as(fired.toString()).isEqualTo("STARTED");
        JsonNode job = api.awaitJobStatus(fired.get("jobId").asLong(), Duration.ofMinutes(2), "SUCCEEDED", "FAILED");
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("parentModelId").isNull()).as("nothing to continue: a refit").isTrue();
        JsonNode before = champion.get("spec");
        JsonNode after = job.get("spec");
        assertThat(after.get("architecture").asString()).isEqualTo(before.get("architecture").asString());
        assertThat(after.get("methods")).as("the champion's methods").isEqualTo(before.get("methods"));
        assertThat(before.get("lookback").asInt()).as("AUTO read the whole run after the gap").isEqualTo(46);
        assertThat(after.get("lookback").asInt()).as("that run's 47 points less the 6-point holdout, not the "
                + "series' 48 points less it").isEqualTo(41);
        assertThat(after.path("arimaLookback").asInt(0)).as("an ARIMA that read the whole run reads it still")
                .isEqualTo(before.has("arimaLookback") ? 41 : 0);
        JsonNode refitted = api.json(api.get("/api/v1/models/" + job.get("modelId").asLong()));
        assertThat(refitted.get("dataTo").asString()).as("the new point's month is in the data, less the holdout")
                .isEqualTo("2003-07-01T00:00:00Z");
    }

    @Test
    void aSeriesWithoutAChampionHasItsTriggerSkipped() throws Exception {
        long series = api.createSeries("retrain-none-" + System.nanoTime(), "PT1H");
        api.ingestCsv(series, csv(0, 10, 0));
        assertThat(put("/api/v1/series/" + series + "/retraining-policy",
                "{\"trigger\": \"AFTER_POINTS\", \"points\": 1}").statusCode()).isEqualTo(200);
        assertThat(policy(series).get("start").asString()).as("the default").isEqualTo("WARM");
        api.ingestCsv(series, csv(10, 11, 0));
        JsonNode fired = awaitFirings(series, 1).get("lastFiring");
        assertThat(fired.get("outcome").asString()).isEqualTo("SKIPPED");
        assertThat(fired.get("detail").asString()).isEqualTo("the series has no champion to retrain; train one first");
        assertThat(fired.get("jobId").isNull()).isTrue();
        assertThat(counted("skipped", "AFTER_POINTS")).isGreaterThanOrEqualTo(1);
    }
}
