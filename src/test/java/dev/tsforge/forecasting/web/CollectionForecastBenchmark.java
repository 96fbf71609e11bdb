package dev.tsforge.forecasting.web;

import dev.tsforge.TsforgeApplication;
import dev.tsforge.forecasting.CollectionForecasts;
import dev.tsforge.forecasting.ForecastQuery;
import dev.tsforge.forecasting.ForecastService;
import dev.tsforge.forecasting.PredictorCache;
import dev.tsforge.model.History;
import dev.tsforge.model.Predictor;
import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.series.CollectionService;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesService;
import dev.tsforge.series.SeriesWindows;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A whole collection forecast with one shared network, in process and over the HTTP stream, with where the time
 * goes: the members' points read, the forward passes, the guarded completion with intervals, the CSV or NDJSON
 * writing. Not a test: run by {@code bench/collection-forecast.sh}; starts the service in this JVM on an H2 file
 * database in {@code args[0]}, uploads {@code args[1]} series of {@code args[2]} hourly points (unless the database
 * has them from an earlier run), trains an LSTM with {@code args[3]} units on the first member for each strategy of
 * {@code args[4]} (default {@code DIRECT,RECURSIVE}) and, RECURSIVE, each roll-out of {@code BENCH_ROLLOUT} (default
 * {@code SLIDING}; {@code SLIDING,STATEFUL} measures both), normalised as {@code BENCH_NORMALIZATION} says (default
 * the service's, STANDARDIZE; WINDOW is a global model's, whose forward passes the member's model then costs exactly);
 * an earlier run's model of the same strategy, roll-out and normalisation is reused. Prints JSON lines, a RECURSIVE
 * model's labelled {@code RECURSIVE} (SLIDING) or {@code RECURSIVE STATEFUL}.
 */
public final class CollectionForecastBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int HORIZON = 24;
    /** Timed runs after the warm-up; {@code -Dbench.repeats} (a RECURSIVE 10,000-series run takes a minute when loaded). */
    private static final int REPEATS = Integer.getInteger("bench.repeats", 5);
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    private CollectionForecastBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path work = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        int points = Integer.parseInt(args[2]);
        int units = Integer.parseInt(args[3]);
        ConfigurableApplicationContext context = SpringApplication.run(TsforgeApplication.class, "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + work.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--tsforge.storage.model-dir=" + work.resolve("models"), "--logging.level.root=WARN",
                "--tsforge.limits.bulk.max-series=" + Math.max(100_000, count));
        try {
            String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
            HttpClient http = HttpClient.newHttpClient();
            if (http.send(get(base + "/api/v1/collections/bench"), HttpResponse.BodyHandlers.ofString())
                    .statusCode() == 404) {
                long uploadStarted = System.nanoTime();
                upload(http, base, work, count, points);
                print("{\"what\": \"upload\", \"series\": %d, \"points\": %d, \"seconds\": %.1f}", count,
                        (long) count * points, (System.nanoTime() - uploadStarted) / 1e9);
            }
            long firstMember = JSON.readTree(http.send(get(base + "/api/v1/series?collection=bench&size=1"),
                    HttpResponse.BodyHandlers.ofString()).body()).get("items").get(0).get("id").asLong();
            JsonNode trained = JSON.readTree(http.send(get(base + "/api/v1/series/" + firstMember + "/models"),
                    HttpResponse.BodyHandlers.ofString()).body());
            String normalization = env("BENCH_NORMALIZATION", "STANDARDIZE");
            for (String strategy : (args.length > 4 ? args[4] : "DIRECT,RECURSIVE").split(",")) {
                for (String rollout : strategy.equals("RECURSIVE") ? env("BENCH_ROLLOUT", "SLIDING").split(",")
                        : new String[] {"SLIDING"}) {
                    long modelId = -1;
                    for (JsonNode model : trained) {
                        JsonNode spec = model.get("spec");
                        if (spec.get("strategy").asString().equals(strategy)
                                && spec.path("rollout").asString("SLIDING").equals(rollout)
                                && spec.get("normalization").asString().equals(normalization)) {
                            modelId = model.get("id").asLong();
                        }
                    }
                    if (modelId < 0) {
                        modelId = train(http, base, firstMember, units, strategy, rollout, normalization);
                    }
                    measure(context, http, base, modelId, rollout.equals("SLIDING") ? strategy
                            : strategy + " " + rollout, count);
                }
            }
        } finally {
            context.close();
        }
    }

    private static void measure(ConfigurableApplicationContext context, HttpClient http, String base, long modelId,
            String strategy, int count) throws Exception {
        CollectionForecasts forecasts = context.getBean(CollectionForecasts.class);
        CollectionForecasts.Plan plan = forecasts.plan("bench", null, HORIZON, null, modelId);
        String what = String.format(Locale.ROOT, "\"strategy\": \"%s\", \"series\": %d", strategy, count);
        AtomicLong forecast = new AtomicLong();
        // the whole path without writing: reads, passes, guard and intervals
        timed(what, "in-process, no output", () -> forecasts.forecast(plan, (member, outcome) -> forecast.incrementAndGet()));
        if (forecast.get() != (long) (REPEATS + 1) * count) {
            throw new IllegalStateException("forecast " + forecast.get() + " of " + (long) (REPEATS + 1) * count);
        }
        timed(what, "in-process, CSV", () -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(OutputStream.nullOutputStream(),
                    StandardCharsets.UTF_8), 64 * 1024);
            forecasts.forecast(plan, ForecastStream.csv(out, plan.levels()));
            out.flush();
        });
        timed(what, "in-process, NDJSON", () -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(OutputStream.nullOutputStream(),
                    StandardCharsets.UTF_8), 64 * 1024);
            forecasts.forecast(plan, ForecastStream.ndjson(out, plan.levels(), JSON));
            out.flush();
        });
        // the parts: the members' windows read a chunk at a time, then the forward passes alone
        CollectionService collections = context.getBean(CollectionService.class);
        SeriesService series = context.getBean(SeriesService.class);
        ModelVersion model = context.getBean(ModelRegistry.class).version(modelId);
        List<Series> members = collections.members(plan.filter());
        List<History> histories = new ArrayList<>();
        timed(what, "points read", () -> {
            histories.clear();
            for (int from = 0; from < members.size(); from += 1_000) {
                for (SeriesWindows.MemberWindow window : series.latestWindows(members.subList(from,
                        Math.min(members.size(), from + 1_000)), model.spec().lookback(), model.spec().minimumInput(),
                        model.spec().gapPolicy())) {
                    histories.add(History.of(window.window().values(), window.window().last()));
                }
            }
        });
        Predictor predictor = context.getBean(PredictorCache.class).get(model);
        timed(what, "forward passes", () -> {
            for (int from = 0; from < histories.size(); from += 1_000) {
                predictor.forecastAll(histories.subList(from, Math.min(histories.size(), from + 1_000)), HORIZON);
            }
        });
        // one forecast at a time, as POST /forecasts makes it (its series' window read, the pass, the intervals)
        ForecastService single = context.getBean(ForecastService.class);
        long[] nanos = new long[300];
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < nanos.length; i++) {
                long started = System.nanoTime();
                single.forecast(new ForecastQuery(null, modelId, null, null, HORIZON, null));
                nanos[i] = System.nanoTime() - started;
            }
        }
        Arrays.sort(nanos);
        print("{%s, \"what\": \"single forecast in-process\", \"medianMillis\": %.4f}", what, nanos[150] / 1e6);
        for (String accept : List.of("text/csv", "application/x-ndjson")) {
            timed(what, "HTTP stream, " + accept, () -> {
                HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
                                URI.create(base + "/api/v1/collections/bench/forecasts"))
                        .header("Content-Type", "application/json").header("Accept", accept)
                        .timeout(Duration.ofMinutes(5))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"horizon\": " + HORIZON + ", \"model\": "
                                + modelId + "}")).build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    long bytes = body.transferTo(OutputStream.nullOutputStream());
                    if (response.statusCode() != 200 || bytes < count * 100L) {
                        throw new IllegalStateException("HTTP " + response.statusCode() + ", " + bytes + " bytes");
                    }
                }
            });
        }
    }

    interface Step {
        void run() throws Exception;
    }

    /** One warm-up, then {@link #REPEATS} timed runs: prints each run and their median. */
    private static void timed(String what, String part, Step step) throws Exception {
        step.run();
        double[] seconds = new double[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long started = System.nanoTime();
            step.run();
            seconds[i] = (System.nanoTime() - started) / 1e9;
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        print("{%s, \"what\": \"%s\", \"medianSeconds\": %.4f, \"runs\": %s}", what, part, sorted[REPEATS / 2],
                Arrays.toString(seconds));
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).build();
    }

    private static HttpResponse<String> postJson(HttpClient http, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A daily-seasonal sine per member, its phase and amplitude varying, with noise. */
    private static void upload(HttpClient http, String base, Path work, int count, int points) throws Exception {
        HttpResponse<String> created = postJson(http, base + "/api/v1/collections",
                "{\"name\": \"bench\", \"frequency\": \"PT1H\"}");
        if (created.statusCode() != 201) {
            throw new IllegalStateException(created.body());
        }
        Path csv = work.resolve("points.csv");
        Random noise = new Random(19);
        try (Writer out = Files.newBufferedWriter(csv)) {
            out.write("unique_id,ds,y\n");
            for (int s = 0; s < count; s++) {
                double amplitude = 1 + (s % 10) / 10.0;
                for (int i = 0; i < points; i++) {
                    out.write("s" + s + "," + START.plusSeconds(3600L * i) + "," + String.format(Locale.ROOT, "%.4f",
                            10 + amplitude * Math.sin(2 * Math.PI * (i + s) / 24) + 0.2 * noise.nextGaussian()) + "\n");
                }
            }
        }
        HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/collections/bench/points"))
                .header("Content-Type", "text/csv").timeout(Duration.ofMinutes(20))
                .POST(HttpRequest.BodyPublishers.ofFile(csv)).build(), HttpResponse.BodyHandlers.ofString());
        if (uploaded.statusCode() != 200) {
            throw new IllegalStateException(uploaded.body());
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static long train(HttpClient http, String base, long seriesId, int units, String strategy, String rollout,
            String normalization) throws Exception {
        HttpResponse<String> accepted = postJson(http, base + "/api/v1/series/" + seriesId + "/trainings",
                "{\"architecture\": \"LSTM\", \"hiddenSizes\": [" + units + "], \"lookback\": 24, \"horizon\": "
                        + HORIZON + ", \"strategy\": \"" + strategy + "\", \"epochs\": 3, \"validationFraction\": 0.3, "
                        + "\"normalization\": \"" + normalization + "\""
                        + (rollout.equals("SLIDING") ? "" : ", \"rollout\": \"" + rollout + "\"") + "}");
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException(accepted.body());
        }
        long job = JSON.readTree(accepted.body()).get("id").asLong();
        for (int i = 0; i < 600; i++) {
            JsonNode state = JSON.readTree(http.send(get(base + "/api/v1/training-jobs/" + job),
                    HttpResponse.BodyHandlers.ofString()).body());
            String status = state.get("status").asString();
            if (status.equals("SUCCEEDED")) {
                return state.get("modelId").asLong();
            }
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                throw new IllegalStateException(state.toString());
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("training " + job + " did not finish");
    }
}
