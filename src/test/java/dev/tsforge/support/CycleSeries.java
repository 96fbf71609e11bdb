package dev.tsforge.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * An hourly series for the tests that record, score and retrain a champion over HTTP (the ledger's, retraining's): a
 * daily cycle with a wobble that is not daily, so that seasonal naive errs and MASE has a real scale, and a small
 * SIMPLE_RNN champion that trains in seconds.
 */
public final class CycleSeries {

    public static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    public static final int POINTS = 240;
    public static final int PERIOD = 24;
    public static final String SPEC = "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [4], \"lookback\": 8, "
            + "\"horizon\": 4, \"epochs\": 20, \"validationFraction\": 0, \"earlyStoppingPatience\": 0, \"seed\": 7}";

    private CycleSeries() {
    }

    /** The value at hour {@code i} after {@link #START}. */
    public static double value(int i) {
        return 10 + Math.sin(2 * Math.PI * i / PERIOD) + 0.2 * Math.sin(1.7 * i);
    }

    /** Hours {@code from} (inclusive) to {@code to} as {@code timestamp,value} CSV, each value raised by {@code shift}. */
    public static String csv(int from, int to, double shift) {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = from; i < to; i++) {
            csv.append(START.plusSeconds(3600L * i)).append(',').append(value(i) + shift).append('\n');
        }
        return csv.toString();
    }

    /** A series of {@link #POINTS} hourly points with a trained, promoted champion; returns {seriesId, modelId}. */
    public static long[] withChampion(HttpApi api, String name) throws Exception {
        long series = api.createSeries(name + "-" + System.nanoTime(), "PT1H");
        api.ingestCsv(series, csv(0, POINTS, 0));
        JsonNode job = api.awaitJobStatus(api.startTraining(series, SPEC), Duration.ofMinutes(3), "SUCCEEDED",
                "FAILED");
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        long model = job.get("modelId").asLong();
        HttpResponse<String> promoted = api.post("/api/v1/models/" + model + "/promote", "application/json", "");
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        return new long[] {series, model};
    }
}
