package dev.tsforge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.Csv;
import dev.tsforge.support.HttpApi;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The service's own metrics, read as Prometheus scrapes them from {@code /actuator/prometheus} over real HTTP,
 * before and after real work: an ingest, a small training, forecasts, a promotion, an AUTO search. The context is
 * shared with other tests, whose jobs may still run in the background: every assertion is on how much a value moved,
 * at least.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MetricsTests {

    private static final String JSON = "application/json";

    @LocalServerPort
    int port;

    HttpApi api;

    @BeforeEach
    void api() {
        api = HttpApi.localhost(port);
    }

    @Test
    void trainingForecastingIngestAndTheModelCacheAreCounted() throws Exception {
        String before = scrape();
        long series = api.createSeries("metrics-sine", "P1D");
        api.ingestCsv(series, Csv.daily(120, day -> 10 + Math.sin(day / 2.0)));
        long job = api.startTraining(series, "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [4], \"lookback\": 12,"
                + " \"horizon\": 3, \"epochs\": 3, \"validationFraction\": 0.2}");
        JsonNode done = api.awaitJobStatus(job, Duration.ofMinutes(2), "SUCCEEDED", "FAILED");
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        long model = done.get("modelId").asLong();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> forecast = api.post("/api/v1/forecasts", JSON, "{\"modelId\": " + model
                    + ", \"horizon\": 3}");
            assertThat(forecast.statusCode()).as(forecast.body()).isEqualTo(200);
        }
        assertThat(api.post("/api/v1/forecasts/batch", JSON, "{\"items\": [{\"modelId\": " + model
                + ", \"horizon\": 2}]}").statusCode()).isEqualTo(200);
        assertThat(api.post("/api/v1/models/" + model + "/promote", null, null).statusCode()).isEqualTo(200);
        String after = scrape();

        String rnn = "architecture=\"SIMPLE_RNN\"";
        assertThat(moved(before, after, "tsforge_training_jobs_total", "event=\"started\"", rnn)).isGreaterThanOrEqualTo(1);
        assertThat(moved(before, after, "tsforge_training_jobs_total", "event=\"succeeded\"", rnn)).isGreaterThanOrEqualTo(1);
        assertThat(moved(before, after, "tsforge_training_queue_wait_seconds_count", "kind=\"training\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(moved(before, after, "tsforge_training_epoch_seconds_count", rnn))
                .isGreaterThanOrEqualTo(done.get("epoch").asDouble());
        assertThat(moved(before, after, "tsforge_training_throughput_windows_per_second_count", rnn)).isGreaterThanOrEqualTo(1);
        assertThat(value(after, "tsforge_training_throughput_windows_per_second_max", rnn)).isPositive();
        assertThat(value(after, "tsforge_training_queue_depth", "status=\"queued\"")).isGreaterThanOrEqualTo(0);

        String recursive = "strategy=\"recursive\"";
        assertThat(moved(before, after, "tsforge_forecast_latency_seconds_count", recursive, rnn, "mode=\"single\""))
                .isGreaterThanOrEqualTo(3);
        assertThat(moved(before, after, "tsforge_forecast_latency_seconds_count", recursive, rnn, "mode=\"batch\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(after, "tsforge_forecast_latency_seconds_bucket", recursive, rnn, "mode=\"single\"",
                "le=\"+Inf\"")).as("a histogram, for quantiles across replicas").isGreaterThanOrEqualTo(3);
        assertThat(value(after, "http_server_requests_seconds_bucket", "uri=\"/api/v1/forecasts\"", "le=\"+Inf\""))
                .isGreaterThanOrEqualTo(3);

        String models = "cache=\"tsforge.models\"";
        assertThat(moved(before, after, "cache_gets_total", models, "result=\"miss\"")).isGreaterThanOrEqualTo(1);
        assertThat(moved(before, after, "cache_gets_total", models, "result=\"hit\"")).isGreaterThanOrEqualTo(3);
        assertThat(value(after, "cache_size", models)).isGreaterThanOrEqualTo(1);
        assertThat(value(after, "cache_evictions_total", models)).isGreaterThanOrEqualTo(0);

        assertThat(moved(before, after, "tsforge_ingest_points_total", "format=\"csv\"", "write=\"insert\""))
                .isGreaterThanOrEqualTo(120);
        assertThat(moved(before, after, "tsforge_ingest_bytes_total", "format=\"csv\""))
                .isGreaterThanOrEqualTo(Csv.daily(120, day -> 10 + Math.sin(day / 2.0)).length());
        assertThat(moved(before, after, "tsforge_promotions_total", "trigger=\"manual\"")).isGreaterThanOrEqualTo(1);
        assertThat(after).contains("jobrunr_jobs_by_state{").contains("jobrunr_background_job_server_worker_pool_size");
        assertThat(dashboardMetrics()).as("every metric the Grafana dashboard reads is scraped")
                .allSatisfy(metric -> assertThat(after).contains("\n" + metric + "{"));
    }

    /** The metric names the dashboard's queries use. */
    private static java.util.Set<String> dashboardMetrics() throws Exception {
        String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("docs/grafana/tsforge.json"));
        Matcher names = Pattern.compile("\\b((?:tsforge|cache|jobrunr|http_server)_[a-z_]+)\\{").matcher(dashboard);
        java.util.Set<String> metrics = new java.util.TreeSet<>();
        while (names.find()) {
            metrics.add(names.group(1));
        }
        assertThat(metrics).hasSizeGreaterThan(10);
        return metrics;
    }

    @Test
    void anAutoSearchCountsTheCandidatesItTried() throws Exception {
        String before = scrape();
        long series = api.createSeries("metrics-auto", "P1D");
        api.ingestCsv(series, Csv.daily(150, day -> 50 + 5 * Math.sin(day * 2 * Math.PI / 7)));
        HttpResponse<String> queued = api.post("/api/v1/series/" + series + "/auto-trainings", JSON,
                "{\"budgetSeconds\": 10, \"horizon\": 7}");
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        JsonNode done = api.awaitJobStatus(api.json(queued).get("id").asLong(), Duration.ofMinutes(2), "SUCCEEDED",
                "FAILED");
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        String after = scrape();
        assertThat(moved(before, after, "tsforge_auto_candidates_total", "kind=\"statistical\""))
                .isGreaterThanOrEqualTo(3);
        assertThat(moved(before, after, "tsforge_training_jobs_total", "event=\"succeeded\"",
                "architecture=\"AUTO\"")).isGreaterThanOrEqualTo(1);
    }

    private String scrape() throws Exception {
        HttpResponse<String> scraped = api.get("/actuator/prometheus");
        assertThat(scraped.statusCode()).isEqualTo(200);
        return scraped.body();
    }

    private static double moved(String before, String after, String name, String... labels) {
        return value(after, name, labels) - value(before, name, labels);
    }

    /** The sum over the samples of {@code name} whose labels include all of {@code labels}; 0 when there is none. */
    private static double value(String scrape, String name, String... labels) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = sample.matcher(scrape);
        double sum = 0;
        while (matcher.find()) {
            boolean all = true;
            for (String label : labels) {
                all &= matcher.group(1).contains(label);
            }
            if (all) {
                sum += Double.parseDouble(matcher.group(2));
            }
        }
        return sum;
    }
}
