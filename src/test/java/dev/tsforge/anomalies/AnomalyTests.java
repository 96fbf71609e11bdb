package dev.tsforge.anomalies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import dev.tsforge.support.Await;
import dev.tsforge.support.HttpApi;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Anomalies and the data-quality report over real HTTP: a spike in ingested points is flagged, after the ingest
 * commits, with the band the service forecasts from the same origin, an ordinary point beside it is not; the
 * anomalies are announced in one webhook delivery; a backfill scores history idempotently; and the quality report of
 * a hand-built series has the gaps, flat run, spike and refused duplicates put in it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tsforge.webhooks.secret-key=q2jvU0s7n2o8m3QmRk1xY2Zq3v9t0PlW1sE4r6T8u0A=",
        "tsforge.webhooks.allowed-targets=127.0.0.1/32",
        "tsforge.webhooks.allow-http=true"})
@ActiveProfiles("test")
class AnomalyTests {

    private static final String JSON = "application/json";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final int POINTS = 240;
    private static final int PERIOD = 24;
    private static final int HORIZON = 4;
    private static final double SPIKE = 50;
    private static final String SPEC = "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [4], \"lookback\": 8, "
            + "\"horizon\": " + HORIZON + ", \"epochs\": 20, \"validationFraction\": 0, "
            + "\"earlyStoppingPatience\": 0, \"seed\": 7}";

    @LocalServerPort
    int port;

    private HttpApi api;
    private HttpServer receiver;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        api = HttpApi.localhost(port);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private static double value(int i) {
        return 10 + Math.sin(2 * Math.PI * i / PERIOD) + 0.2 * Math.sin(1.7 * i);
    }

    private static Instant at(int i) {
        return START.plusSeconds(3600L * i);
    }

    private static String csv(int from, int to) {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = from; i < to; i++) {
            csv.append(at(i)).append(',').append(value(i)).append('\n');
        }
        return csv.toString();
    }

    /** A series of {@link #POINTS} hourly points with a trained champion; returns {seriesId, modelId}. */
    private long[] seriesWithChampion(String name) throws Exception {
        long series = api.createSeries(name + "-" + System.nanoTime(), "PT1H");
        api.ingestCsv(series, csv(0, POINTS));
        JsonNode job = api.awaitJobStatus(api.startTraining(series, SPEC), Duration.ofMinutes(3), "SUCCEEDED",
                "FAILED");
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        long model = job.get("modelId").asLong();
        HttpResponse<String> promoted = api.post("/api/v1/models/" + model + "/promote", JSON, "");
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        return new long[] {series, model};
    }

    private JsonNode anomalies(long series) throws Exception {
        HttpResponse<String> page = api.get("/api/v1/series/" + series + "/anomalies?size=200");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return api.json(page);
    }

    private JsonNode backfill(long series, Instant from, Instant to) throws Exception {
        HttpResponse<String> done = api.post("/api/v1/series/" + series + "/anomalies/backfill", JSON,
                "{\"from\": \"" + from + "\", \"to\": \"" + to + "\"}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        return api.json(done);
    }

    @Test
    void aSpikeIsFlaggedWithItsBandAndAnnouncedOnceAndBackfillIsIdempotent() throws Exception {
        long[] ids = seriesWithChampion("anomaly-spike");
        long series = ids[0];
        HttpResponse<String> hook = api.post("/api/v1/webhooks", JSON, "{\"url\": \"http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/hook\", \"events\": [\"series.anomaly-found\"]}");
        assertThat(hook.statusCode()).as(hook.body()).isEqualTo(201);
        JsonNode off = api.json(api.get("/api/v1/series/" + series + "/anomalies/settings"));
        assertThat(off.get("enabled").asBoolean()).isFalse();
        assertThat(off.get("level").asDouble()).isEqualTo(99.0);
        HttpResponse<String> on = api.send("PUT", "/api/v1/series/" + series + "/anomalies/settings", JSON,
                "{\"enabled\": true}");
        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        assertThat(api.json(on).get("enabled").asBoolean()).isTrue();

        // what the service forecasts from the last stored point: the band the new points are judged by
        HttpResponse<String> served = api.post("/api/v1/forecasts", JSON, "{\"seriesId\": " + series
                + ", \"horizon\": " + HORIZON + ", \"levels\": [99]}");
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        JsonNode steps = api.json(served).get("points");
        // trained without validation windows, the model has too few errors for a 99 % conformal quantile (99 needed):
        // the band is the fallback's, and the point is scored all the same
        assertThat(api.json(served).get("intervalMethods").get(0).get("method").asString())
                .isEqualTo("SEASONAL_NAIVE_RESIDUALS");
        JsonNode spikeBand = steps.get(0).get("intervals").get(0);
        JsonNode ordinaryBand = steps.get(1).get("intervals").get(0);
        double spike = value(POINTS) + SPIKE;
        assertThat(spike).as("the spike lies above its band").isGreaterThan(spikeBand.get("upper").asDouble());
        assertThat(value(POINTS + 1)).as("the ordinary point lies inside its band")
                .isBetween(ordinaryBand.get("lower").asDouble(), ordinaryBand.get("upper").asDouble());

        api.ingestCsv(series, "timestamp,value\n" + at(POINTS) + "," + spike + "\n" + at(POINTS + 1) + ","
                + value(POINTS + 1) + "\n");
        JsonNode page = Await.until("the spike flagged", Duration.ofSeconds(30), Duration.ofMillis(100),
                () -> anomalies(series), found -> found.get("totalItems").asLong() >= 1);
        assertThat(page.get("totalItems").asLong()).as(page.toString()).isEqualTo(1);
        JsonNode anomaly = page.get("items").get(0);
        assertThat(Instant.parse(anomaly.get("timestamp").asString())).isEqualTo(at(POINTS));
        assertThat(anomaly.get("value").asDouble()).isCloseTo(spike, within(1e-9));
        assertThat(anomaly.get("expected").asDouble()).isCloseTo(steps.get(0).get("value").asDouble(), within(1e-9));
        assertThat(anomaly.get("lower").asDouble()).isCloseTo(spikeBand.get("lower").asDouble(), within(1e-9));
        assertThat(anomaly.get("upper").asDouble()).isCloseTo(spikeBand.get("upper").asDouble(), within(1e-9));
        assertThat(anomaly.get("level").asDouble()).isEqualTo(99.0);
        assertThat(anomaly.get("modelId").asLong()).isEqualTo(ids[1]);
        assertThat(Instant.parse(anomaly.get("origin").asString())).isEqualTo(at(POINTS - 1));
        assertThat(anomaly.get("step").asInt()).isEqualTo(1);
        assertThat(anomaly.get("detectedAt").isNull()).isFalse();
        HttpResponse<String> chart = api.get("/api/v1/series/" + series + "/chart.svg?last=48");
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.body()).as("the chart marks the anomaly in its legend").contains("anomalies (1)");
        JsonNode setting = Await.until("both points tallied", Duration.ofSeconds(10), Duration.ofMillis(100),
                () -> api.json(api.get("/api/v1/series/" + series + "/anomalies/settings")),
                s -> s.get("scoredPoints").asLong() == 2);
        assertThat(setting.get("skippedPoints").asLong()).isZero();

        // after a gap longer than the model's horizon: the first point has no origin close enough, the next one's
        // origin (that point) has one value of history, not the 8 the model reads: both skipped, with the reason
        api.ingestCsv(series, csv(POINTS + 10, POINTS + 12));
        JsonNode skipped = Await.until("the points after the gap skipped", Duration.ofSeconds(30),
                Duration.ofMillis(100), () -> api.json(api.get("/api/v1/series/" + series + "/anomalies/settings")),
                s -> s.get("skippedPoints").asLong() == 2);
        assertThat(skipped.get("scoredPoints").asLong()).isEqualTo(2);
        assertThat(skipped.get("lastSkipReason").asString()).contains("the model reads 8 values");

        // one delivery for the batch, listing its one anomaly
        List<JsonNode> delivered = Await.until("the anomaly delivery", Duration.ofSeconds(20), Duration.ofMillis(100),
                () -> List.copyOf(received).stream().map(body -> MAPPER.readTree(body))
                        .filter(body -> body.get("type").asString().equals("series.anomaly-found")
                                && body.get("data").get("seriesId").asLong() == series)
                        .toList(),
                bodies -> !bodies.isEmpty());
        assertThat(delivered).hasSize(1);
        JsonNode listed = delivered.get(0).get("data").get("anomalies");
        assertThat(listed).hasSize(1);
        assertThat(Instant.parse(listed.get(0).get("timestamp").asString())).isEqualTo(at(POINTS));
        assertThat(listed.get(0).get("upper").asDouble()).isCloseTo(spikeBand.get("upper").asDouble(), within(1e-9));

        // backfill: the same two points give the same verdicts, one row each however often they are scored
        for (int run = 0; run < 2; run++) {
            JsonNode done = backfill(series, at(POINTS), at(POINTS + 1));
            assertThat(done.get("scored").asInt()).isEqualTo(2);
            assertThat(done.get("flagged").asInt()).isEqualTo(1);
            assertThat(done.get("modelId").asLong()).isEqualTo(ids[1]);
            JsonNode again = anomalies(series);
            assertThat(again.get("totalItems").asLong()).isEqualTo(1);
            assertThat(again.get("items").get(0).get("upper").asDouble())
                    .isCloseTo(spikeBand.get("upper").asDouble(), within(1e-9));
        }
        // a longer stretch of ordinary history: scored twice, the same rows (none of its points is a spike)
        JsonNode history = backfill(series, at(100), at(POINTS - 1));
        assertThat(history.get("scored").asInt() + history.get("skipped").asInt()).isEqualTo(POINTS - 100);
        long after = anomalies(series).get("totalItems").asLong();
        JsonNode again = backfill(series, at(100), at(POINTS - 1));
        assertThat(again.get("flagged").asInt()).isEqualTo(history.get("flagged").asInt());
        assertThat(anomalies(series).get("totalItems").asLong()).isEqualTo(after);
        assertThat(after).isEqualTo(1 + history.get("flagged").asInt());
        assertThat(received).as("a backfill sends no webhook").hasSize(1);

        HttpResponse<String> tooLong = api.post("/api/v1/series/" + series + "/anomalies/backfill", JSON,
                "{\"from\": \"2000-01-01T00:00:00Z\", \"to\": \"" + at(POINTS) + "\"}");
        assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(413);
        HttpResponse<String> backwards = api.post("/api/v1/series/" + series + "/anomalies/backfill", JSON,
                "{\"from\": \"" + at(10) + "\", \"to\": \"" + at(5) + "\"}");
        assertThat(backwards.statusCode()).as(backwards.body()).isEqualTo(400);
    }

    @Test
    void aSeriesWithoutChampionOrSettingIsNotScored() throws Exception {
        long series = api.createSeries("anomaly-none-" + System.nanoTime(), "PT1H");
        api.ingestCsv(series, csv(0, 48));
        HttpResponse<String> refused = api.post("/api/v1/series/" + series + "/anomalies/backfill", JSON,
                "{\"from\": \"" + at(0) + "\", \"to\": \"" + at(47) + "\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(api.get("/api/v1/series/999999/anomalies").statusCode()).isEqualTo(404);
        assertThat(anomalies(series).get("totalItems").asLong()).isZero();
    }

    /**
     * 100 hourly steps alternating 10 and 11, four of them missing (60-62 and 80), a spike to 30 at step 20 and eight
     * steps of 10.5 (40-47): the one-step changes are ±1 (median 0, MAD 1), the spike's +19 and -19.
     */
    @Test
    void theQualityReportFindsTheGapsFlatRunSpikeAndRefusedDuplicates() throws Exception {
        long series = api.createSeries("quality-" + System.nanoTime(), "PT1H");
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 100; i++) {
            if (i >= 60 && i <= 62 || i == 80) {
                continue;
            }
            double v = i == 20 ? 30 : i >= 40 && i <= 47 ? 10.5 : i % 2 == 0 ? 10 : 11;
            csv.append(at(i)).append(',').append(v).append('\n');
        }
        api.ingestCsv(series, csv.toString());
        // a timestamp given three times and another twice: refused whole, three later occurrences counted
        HttpResponse<String> duplicates = api.post("/api/v1/series/" + series + "/points", "text/csv",
                "timestamp,value\n" + at(100) + ",1\n" + at(100) + ",2\n" + at(100) + ",3\n" + at(101) + ",1\n"
                        + at(101) + ",1\n");
        assertThat(duplicates.statusCode()).as(duplicates.body()).isEqualTo(400);
        // a stored timestamp sent again is replaced, not refused: not a duplicate
        api.ingestCsv(series, "timestamp,value\n" + at(99) + ",11\n");

        Instant before = Instant.now();
        HttpResponse<String> response = api.get("/api/v1/series/" + series + "/quality");
        Instant after = Instant.now();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = api.json(response);
        assertThat(report.get("points").asLong()).isEqualTo(96);
        assertThat(Instant.parse(report.get("first").asString())).isEqualTo(at(0));
        assertThat(Instant.parse(report.get("last").asString())).isEqualTo(at(99));

        JsonNode gaps = report.get("gaps");
        assertThat(gaps.get("runs").asLong()).isEqualTo(2);
        assertThat(gaps.get("missing").asLong()).isEqualTo(4);
        assertThat(Instant.parse(gaps.get("longest").get("from").asString())).isEqualTo(at(60));
        assertThat(Instant.parse(gaps.get("longest").get("to").asString())).isEqualTo(at(62));
        assertThat(gaps.get("longest").get("steps").asLong()).isEqualTo(3);

        JsonNode refused = report.get("duplicates");
        assertThat(refused.get("refusedBatches").asLong()).isEqualTo(1);
        assertThat(refused.get("duplicates").asLong()).isEqualTo(3);

        JsonNode outliers = report.get("outliers");
        assertThat(outliers.get("count").asInt()).isEqualTo(1);
        assertThat(Instant.parse(outliers.get("points").get(0).get("timestamp").asString())).isEqualTo(at(20));
        assertThat(outliers.get("points").get(0).get("jumpIn").asDouble()).isEqualTo(19.0);
        assertThat(outliers.get("points").get(0).get("jumpOut").asDouble()).isEqualTo(-19.0);

        JsonNode flat = report.get("flat");
        assertThat(flat.get("runs").asInt()).isEqualTo(1);
        assertThat(Instant.parse(flat.get("longest").get("from").asString())).isEqualTo(at(40));
        assertThat(Instant.parse(flat.get("longest").get("to").asString())).isEqualTo(at(47));
        assertThat(flat.get("longest").get("steps").asLong()).isEqualTo(8);
        assertThat(flat.get("value").asDouble()).isEqualTo(10.5);
        assertThat(api.json(api.get("/api/v1/series/" + series + "/quality?minFlatRun=9")).get("flat").get("runs")
                .asInt()).isZero();

        // the grid steps after step 99 that are due by now
        JsonNode last = report.get("lastPoint");
        long dueBefore = (before.getEpochSecond() - at(99).getEpochSecond()) / 3600;
        long dueAfter = (after.getEpochSecond() - at(99).getEpochSecond()) / 3600;
        assertThat(last.get("stepsOverdue").asLong()).isBetween(dueBefore, dueAfter);
        assertThat(Instant.parse(last.get("nextDue").asString())).isEqualTo(at(100));
        assertThat(api.get("/api/v1/series/" + series + "/quality?minFlatRun=1").statusCode()).isEqualTo(400);
    }
}
