package dev.tsforge.ledger;

import static dev.tsforge.support.CycleSeries.POINTS;
import static dev.tsforge.support.CycleSeries.PERIOD;
import static dev.tsforge.support.CycleSeries.START;
import static dev.tsforge.support.CycleSeries.csv;
import static dev.tsforge.support.CycleSeries.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tsforge.support.Await;
import dev.tsforge.support.CycleSeries;
import dev.tsforge.support.HttpApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The forecast ledger over real HTTP: a recorded champion forecast is scored when its actuals arrive (metrics equal to
 * those computed here from the recorded values) and the same forecast asked again is not recorded again, two
 * scorers of one forecast write it once (compare-and-set), a series
 * whose level shifts is flagged as drifting (and the flag queues a webhook delivery), a scheduled recording is made
 * once at its time, and retention deletes old rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tsforge.ledger.scheduler-interval=300ms",
        "tsforge.ledger.max-forecasts-per-series=3",
        "tsforge.webhooks.secret-key=q2jvU0s7n2o8m3QmRk1xY2Zq3v9t0PlW1sE4r6T8u0A=",
        "tsforge.webhooks.allowed-targets=127.0.0.1/32",
        "tsforge.webhooks.allow-http=true"})
@ActiveProfiles("test")
class LedgerTests {

    private static final String JSON = "application/json";
    private static final int HORIZON = 4;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ScheduledRecording schedule;
    @Autowired
    MeterRegistry meters;
    @Autowired
    LedgerRepository ledger;

    private HttpApi api;

    @BeforeEach
    void client() {
        api = HttpApi.localhost(port);
    }

    private HttpResponse<String> setRecording(String path, String body) throws Exception {
        return api.send("PUT", path, JSON, body);
    }

    private JsonNode forecast(long series, int horizon) throws Exception {
        HttpResponse<String> response = api.post("/api/v1/forecasts", JSON,
                "{\"seriesId\": " + series + ", \"horizon\": " + horizon + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return api.json(response);
    }

    /** A series with a champion, recording every forecast: its id. */
    private long recordingEvery(String name) throws Exception {
        long series = CycleSeries.withChampion(api, name)[0];
        assertThat(setRecording("/api/v1/series/" + series + "/recording", "{\"mode\": \"EVERY\"}").statusCode())
                .isEqualTo(200);
        return series;
    }

    private double repeated() {
        return meters.get("tsforge.ledger.repeated").counter().count();
    }

    private JsonNode awaitRecorded(long series, int count) throws Exception {
        return Await.until(count + " recorded forecasts of " + series, Duration.ofSeconds(30), Duration.ofMillis(100),
                () -> api.json(api.get("/api/v1/series/" + series + "/recorded-forecasts?size=200")),
                page -> page.get("totalItems").asInt() == count);
    }

    @Test
    void aRecordedForecastIsScoredWhenItsActualsArrive() throws Exception {
        long[] ids = CycleSeries.withChampion(api, "ledger-scored");
        long series = ids[0];
        assertThat(api.json(api.get("/api/v1/series/" + series + "/recording")).get("mode").asString())
                .isEqualTo("OFF");
        HttpResponse<String> set = setRecording("/api/v1/series/" + series + "/recording", "{\"mode\": \"EVERY\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(api.json(set).get("mode").asString()).isEqualTo("EVERY");
        assertThat(setRecording("/api/v1/series/" + series + "/recording", "{\"mode\": \"SCHEDULED\"}").statusCode())
                .as("a schedule needs a time and horizon").isEqualTo(400);

        JsonNode served = forecast(series, HORIZON);
        JsonNode recorded = awaitRecorded(series, 1).get("items").get(0);
        assertThat(recorded.get("modelId").asLong()).isEqualTo(ids[1]);
        assertThat(recorded.get("trigger").asString()).isEqualTo("EVERY");

        // asked again before new points come: the same forecast, counted and not written (scored once below)
        double repeatedBefore = repeated();
        assertThat(forecast(series, HORIZON).get("points")).isEqualTo(served.get("points"));
        forecast(series, HORIZON);
        Await.until("two repeats seen by the writer", Duration.ofSeconds(30), Duration.ofMillis(100),
                this::repeated, count -> count == repeatedBefore + 2);
        assertThat(awaitRecorded(series, 1).get("items").get(0).get("id").asLong())
                .isEqualTo(recorded.get("id").asLong());
        assertThat(Instant.parse(recorded.get("origin").asString())).isEqualTo(START.plusSeconds(3600L * (POINTS - 1)));
        JsonNode steps = recorded.get("steps");
        assertThat(steps).hasSize(HORIZON);
        for (int h = 0; h < HORIZON; h++) {
            assertThat(steps.get(h).get("point").asDouble()).isEqualTo(served.get("points").get(h).get("value").asDouble());
            // seasonal naive from the same origin: the value a season before the step
            assertThat(steps.get(h).get("baseline").asDouble()).isCloseTo(value(POINTS - PERIOD + h), within(1e-9));
            assertThat(steps.get(h).get("actual").isNull()).isTrue();
        }

        double shift = 0.3;
        api.ingestCsv(series, csv(POINTS, POINTS + HORIZON, shift));
        JsonNode accuracy = Await.until("scored steps", Duration.ofSeconds(30), Duration.ofMillis(100),
                () -> api.json(api.get("/api/v1/series/" + series + "/live-accuracy")),
                live -> live.get("overall").get("model").get("steps").asInt() == HORIZON);

        JsonNode model = api.json(api.get("/api/v1/models/" + ids[1])).get("evaluation").get("model");
        double scale = model.get("mae").asDouble() / model.get("mase").asDouble();
        assertThat(scale).as("the registration's MASE scale").isBetween(0.05, 1.0);
        double absolute = 0;
        double scaled = 0;
        double symmetric = 0;
        double naive = 0;
        int covered = 0;
        for (int h = 0; h < HORIZON; h++) {
            double actual = value(POINTS + h) + shift;
            double point = steps.get(h).get("point").asDouble();
            absolute += Math.abs(actual - point);
            scaled += Math.abs(actual - point) / scale;
            symmetric += 200 * Math.abs(actual - point) / (Math.abs(actual) + Math.abs(point));
            naive += Math.abs(actual - steps.get(h).get("baseline").asDouble());
            JsonNode interval80 = steps.get(h).get("intervals").get(0);
            covered += interval80.get("lower").asDouble() <= actual && actual <= interval80.get("upper").asDouble()
                    ? 1 : 0;
            JsonNode byStep = accuracy.get("overall").get("byStep").get(h);
            assertThat(byStep.get("step").asInt()).isEqualTo(h + 1);
            assertThat(byStep.get("model").get("mae").asDouble()).isCloseTo(Math.abs(actual - point), within(1e-9));
        }
        JsonNode scores = accuracy.get("models").get(0).get("model");
        assertThat(accuracy.get("models").get(0).get("modelId").asLong()).isEqualTo(ids[1]);
        assertThat(scores.get("mae").asDouble()).isCloseTo(absolute / HORIZON, within(1e-9));
        assertThat(scores.get("mase").asDouble()).isCloseTo(scaled / HORIZON, within(1e-9));
        assertThat(scores.get("smape").asDouble()).isCloseTo(symmetric / HORIZON, within(1e-9));
        assertThat(scores.get("coverage").get(0).get("level").asDouble()).isEqualTo(80.0);
        assertThat(scores.get("coverage").get(0).get("coverage").asDouble())
                .isCloseTo((double) covered / HORIZON, within(1e-9));
        assertThat(accuracy.get("models").get(0).get("seasonalNaive").get("mae").asDouble())
                .isCloseTo(naive / HORIZON, within(1e-9));
        JsonNode drift = accuracy.get("models").get(0).get("drift");
        assertThat(drift.get("drifting").asBoolean()).isFalse();
        assertThat(drift.get("steps").asInt()).isEqualTo(HORIZON);

        HttpResponse<String> chart = api.get("/api/v1/series/" + series + "/live-accuracy-chart.svg");
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
        assertThat(chart.body()).contains("<svg", "Live accuracy of", "seasonal naive", "model " + ids[1]);

        JsonNode actuals = api.json(api.get("/api/v1/series/" + series + "/recorded-forecasts")).get("items").get(0);
        assertThat(actuals.get("steps").get(0).get("actual").asDouble()).isCloseTo(value(POINTS) + shift, within(1e-9));
    }

    /**
     * Two scorers (two replicas' ingests) read the same open forecast; the one that writes second wrote over nothing:
     * its update finds the forecast changed since its read, counts as lost (LiveScoring then reads again), and the
     * first one's actual stays. The actuals that arrive later score the steps still open.
     */
    @Test
    void aScorerThatReadBeforeAnotherWroteLosesAndTheOtherWins() throws Exception {
        long series = recordingEvery("ledger-cas");
        forecast(series, HORIZON);
        awaitRecorded(series, 1);
        Instant from = START;
        Instant to = START.plusSeconds(3600L * (POINTS + HORIZON));
        LedgerRepository.Stored read = ledger.open(series, from, to).get(0);
        assertThat(read.scored()).isZero();

        assertThat(ledger.score(List.of(withActual(read, 0, 1.25)))).as("the first writer").isZero();
        assertThat(ledger.score(List.of(withActual(read, 1, 2.5)))).as("read before the first wrote").isEqualTo(1);
        LedgerRepository.Stored now = ledger.open(series, from, to).get(0);
        assertThat(now.scored()).isEqualTo(1);
        assertThat(now.steps().get(0).actual()).isEqualTo(1.25);
        assertThat(now.steps().get(1).actual()).isNull();

        api.ingestCsv(series, csv(POINTS, POINTS + HORIZON, 0));
        JsonNode steps = Await.until("the open steps scored", Duration.ofSeconds(30), Duration.ofMillis(100),
                () -> awaitRecorded(series, 1).get("items").get(0).get("steps"),
                recorded -> !recorded.get(HORIZON - 1).get("actual").isNull());
        assertThat(steps.get(0).get("actual").asDouble()).as("scored once, by the first writer").isEqualTo(1.25);
        for (int h = 1; h < HORIZON; h++) {
            assertThat(steps.get(h).get("actual").asDouble()).isCloseTo(value(POINTS + h), within(1e-9));
        }
    }

    private static LedgerRepository.Stored withActual(LedgerRepository.Stored read, int step, double actual) {
        List<RecordedStep> steps = new ArrayList<>(read.steps());
        steps.set(step, steps.get(step).withActual(actual));
        return new LedgerRepository.Stored(read.id(), read.scored(), steps);
    }

    @Test
    void aReplacedPointOfTheSeasonReachesTheNextRecordedBaseline() throws Exception {
        long series = CycleSeries.withChampion(api, "ledger-season")[0];
        assertThat(setRecording("/api/v1/series/" + series + "/recording", "{\"mode\": \"EVERY\"}").statusCode())
                .isEqualTo(200);
        forecast(series, HORIZON);
        JsonNode first = awaitRecorded(series, 1).get("items").get(0).get("steps");
        assertThat(first.get(0).get("baseline").asDouble()).isCloseTo(value(POINTS - PERIOD), within(1e-9));

        // the point a season before step 1, corrected: the origin stays, the season read for it does not
        api.ingestCsv(series, csv(POINTS - PERIOD, POINTS - PERIOD + 1, 5));
        forecast(series, HORIZON);
        JsonNode second = awaitRecorded(series, 2).get("items").get(0).get("steps");
        assertThat(second.get(0).get("baseline").asDouble()).isCloseTo(value(POINTS - PERIOD) + 5, within(1e-9));
        assertThat(second.get(1).get("baseline").asDouble()).isCloseTo(value(POINTS - PERIOD + 1), within(1e-9));
    }

    @Test
    void aSeriesWhoseLevelShiftsIsFlaggedAsDrifting() throws Exception {
        HttpResponse<String> hook = api.post("/api/v1/webhooks", JSON,
                "{\"url\": \"http://127.0.0.1:9/drift\", \"events\": [\"series.drift-flagged\"]}");
        assertThat(hook.statusCode()).as(hook.body()).isEqualTo(201);
        long hookId = api.json(hook).get("id").asLong();
        long[] ids = CycleSeries.withChampion(api, "ledger-drift");
        long series = ids[0];
        assertThat(setRecording("/api/v1/series/" + series + "/recording", "{\"mode\": \"EVERY\"}").statusCode())
                .isEqualTo(200);
        int end = POINTS;
        for (int round = 1; round <= 3; round++) {
            forecast(series, HORIZON);
            awaitRecorded(series, round);
            api.ingestCsv(series, csv(end, end + HORIZON, 20));
            end += HORIZON;
        }
        JsonNode flagged = Await.until("a drift flag", Duration.ofSeconds(30), Duration.ofMillis(100),
                () -> api.json(api.get("/api/v1/series/" + series + "/live-accuracy")),
                live -> live.get("drifting").asInt() == 1);
        JsonNode drift = flagged.get("models").get(0).get("drift");
        assertThat(drift.get("drifting").asBoolean()).isTrue();
        assertThat(drift.get("steps").asInt()).isEqualTo(3 * HORIZON);
        assertThat(drift.get("ratio").asDouble()).isGreaterThan(1.5);
        assertThat(drift.get("cusum").asDouble()).isGreaterThan(5);
        assertThat(drift.get("liveMae").asDouble()).isGreaterThan(drift.get("referenceMae").asDouble());
        assertThat(drift.get("flaggedAt").isNull()).isFalse();

        JsonNode deliveries = Await.until("a drift delivery", Duration.ofSeconds(10), Duration.ofMillis(100),
                () -> api.json(api.get("/api/v1/webhooks/" + hookId + "/deliveries")),
                page -> page.get("totalItems").asInt() >= 1);
        JsonNode delivery = deliveries.get("items").get(0);
        assertThat(delivery.get("eventType").asString()).isEqualTo("series.drift-flagged");
        JsonNode data = api.json(api.get("/api/v1/webhooks/" + hookId + "/deliveries")).get("items").get(0);
        assertThat(data.get("payload").asString()).contains("\"seriesId\":" + series, "\"modelId\":" + ids[1]);
        api.send("DELETE", "/api/v1/webhooks/" + hookId, null, null);
    }

    @Test
    void aScheduledRecordingIsMadeOnceAtItsTime() throws Exception {
        long[] ids = CycleSeries.withChampion(api, "ledger-scheduled");
        long series = ids[0];
        // with its seconds even when they are 0, where LocalTime.toString leaves them out (and the tick has them)
        String at = LocalTime.ofInstant(Instant.now().plusSeconds(4), ZoneOffset.UTC)
                .format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss"));
        HttpResponse<String> set = setRecording("/api/v1/series/" + series + "/recording",
                "{\"mode\": \"SCHEDULED\", \"dailyAt\": \"" + at + "\", \"horizon\": 3}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(api.json(set).get("horizon").asInt()).isEqualTo(3);
        forecast(series, HORIZON);
        JsonNode recorded = awaitRecorded(series, 1).get("items").get(0);
        assertThat(recorded.get("trigger").asString()).isEqualTo("SCHEDULED");
        assertThat(recorded.get("horizon").asInt()).isEqualTo(3);
        Thread.sleep(1500);
        assertThat(api.json(api.get("/api/v1/series/" + series + "/recorded-forecasts")).get("totalItems").asInt())
                .as("one recording per tick; served forecasts are not recorded under SCHEDULED").isEqualTo(1);
        JsonNode policy = api.json(api.get("/api/v1/series/" + series + "/recording"));
        assertThat(policy.get("lastTick").asString()).endsWith(at + "Z");
    }

    @Test
    void retentionKeepsTheNewestForecastsAndDeletesOldOnes() throws Exception {
        long series = recordingEvery("ledger-retention");
        for (int i = 1; i <= 3; i++) {
            forecast(series, i);
            awaitRecorded(series, i);
        }
        forecast(series, 4);
        forecast(series, 5);
        Await.until("the newest three kept", Duration.ofSeconds(30), Duration.ofMillis(100),
                () -> api.json(api.get("/api/v1/series/" + series + "/recorded-forecasts")),
                page -> page.get("totalItems").asInt() == 3 && page.get("items").get(0).get("horizon").asInt() == 5);
        JsonNode items = api.json(api.get("/api/v1/series/" + series + "/recorded-forecasts")).get("items");
        assertThat(items.findValues("horizon")).extracting(JsonNode::asInt).containsExactly(5, 4, 3);

        // older than tsforge.ledger.retention-days (90): gone at the next round
        jdbc.sql("UPDATE ledger_forecast SET recorded_at = :old WHERE series_id = :series AND horizon < 5")
                .param("old", Instant.now().minus(Duration.ofDays(91)).atOffset(ZoneOffset.UTC))
                .param("series", series).update();
        schedule.tick();
        items = api.json(api.get("/api/v1/series/" + series + "/recorded-forecasts")).get("items");
        assertThat(items.findValues("horizon")).extracting(JsonNode::asInt).containsExactly(5);
        assertThat(items.get(0).get("steps")).hasSize(5);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ledger_forecast WHERE series_id = :series").param("series", series)
                .query(Long.class).single()).as("one row per recorded forecast, its steps inside").isEqualTo(1);
    }
}
