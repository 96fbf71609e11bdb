package dev.tsforge.support;

import dev.tsforge.TsforgeApplication;
import dev.tsforge.series.RawPoint;
import dev.tsforge.series.SeriesService;
import dev.tsforge.training.TrainingJob;
import dev.tsforge.training.TrainingService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The same steps as {@link ApiClient} through the services' Java API, for tests that hold an application context
 * (one of their own, or several sharing a database) rather than an HTTP client.
 */
public final class Services {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(50);

    private Services() {
    }

    /** The application in this JVM with the test profile; command-line arguments outrank the profile. */
    public static ConfigurableApplicationContext startApplication(String... arguments) {
        return new SpringApplicationBuilder(TsforgeApplication.class).profiles("test").run(arguments);
    }

    /**
     * A replica of the service on the test PostgreSQL's {@code schema}, on a random port, its models in
     * {@code models}: start two on one schema and they share the database as replicas do.
     */
    public static ConfigurableApplicationContext startReplica(String schema, Path models,
            String... settings) {
        List<String> arguments = new ArrayList<>(List.of(TestPostgres.arguments(schema)));
        arguments.add("--server.port=0");
        arguments.add("--tsforge.storage.model-dir=" + models);
        arguments.addAll(List.of(settings));
        return startApplication(arguments.toArray(String[]::new));
    }

    /** Polls the job every 50 ms until {@code condition} holds (at most 90 s); returns it. */
    public static TrainingJob awaitJob(TrainingService training, long jobId, Predicate<TrainingJob> condition)
            throws Exception {
        return Await.until("job " + jobId, PATIENCE, POLL, () -> training.get(jobId), condition);
    }

    /** An hourly series from 2024-01-01T00:00Z holding {@code values}; returns its id. */
    public static long hourlySeries(SeriesService series, String name, double... values) {
        long seriesId = series.create(name, "PT1H", null, null, null).id();
        List<RawPoint> rows = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            rows.add(RawPoint.jsonIndex(i, Csv.JAN_1_2024.plus(Duration.ofHours(i)).toString(),
                    String.valueOf(values[i])));
        }
        series.ingest(seriesId, rows);
        return seriesId;
    }

    /** An hourly series of {@code count} points of {@code sin(i / 4)}; returns its id. */
    public static long hourlySine(SeriesService series, String name, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = Math.sin(i / 4.0);
        }
        return hourlySeries(series, name, values);
    }
}
