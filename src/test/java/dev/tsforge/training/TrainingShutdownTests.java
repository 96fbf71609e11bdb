package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.TsforgeApplication;
import dev.tsforge.model.Architecture;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.TestSpecs;
import dev.tsforge.series.RawPoint;
import dev.tsforge.series.SeriesService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stopping the service never loses or strands a job: the running fit stops at its next epoch and is handed back,
 * and after the restart JobRunr runs it again from the start, and the job that was waiting runs too.
 */
class TrainingShutdownTests {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    static ConfigurableApplicationContext start(String... arguments) {
        return new SpringApplicationBuilder(TsforgeApplication.class).profiles("test").run(arguments);
    }

    private static ConfigurableApplicationContext startOn(Path dir) {
        // command-line arguments outrank the test profile's per-context database
        return start("--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--tsforge.storage.model-dir=" + dir.resolve("models"),
                // the "endless" job below must outlast the shutdown
                "--tsforge.limits.max-epochs=100000");
    }

    static TrainingJob await(TrainingService training, long jobId, Predicate<TrainingJob> condition)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            TrainingJob job = training.get(jobId);
            if (condition.test(job)) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + jobId + " did not get there in " + PATIENCE + ": " + training.get(jobId));
    }

    static long seriesWithPoints(SeriesService series, String name, int count) {
        long seriesId = series.create(name, "PT1H", null, null, null).id();
        List<RawPoint> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(RawPoint.jsonIndex(i, Instant.parse("2024-01-01T00:00:00Z").plus(Duration.ofHours(i)).toString(),
                    String.valueOf(Math.sin(i / 4.0))));
        }
        series.ingest(seriesId, rows);
        return seriesId;
    }

    @Test
    void aJobRunningAtShutdownIsHandedBackAndRunsAgainAfterTheRestart(@TempDir Path dir) throws Exception {
        NetworkSpec endless = TestSpecs.withEpochs(TestSpecs.small(Architecture.SIMPLE_RNN), 100_000);
        long running;
        long waiting;
        String firstInstance;
        try (ConfigurableApplicationContext first = startOn(dir)) {
            TrainingService training = first.getBean(TrainingService.class);
            long seriesId = seriesWithPoints(first.getBean(SeriesService.class), "shutdown", 200);
            running = training.submit(seriesId, endless).id();
            waiting = training.submit(seriesId, TestSpecs.small(Architecture.SIMPLE_RNN)).id();
            TrainingJob started = await(training, running, job -> job.epoch() >= 1);
            assertThat(started.status()).isEqualTo(JobStatus.RUNNING);
            firstInstance = started.runnerInstance();
        }

        try (ConfigurableApplicationContext second = startOn(dir)) {
            TrainingService training = second.getBean(TrainingService.class);
            TrainingJob rerun = await(training, running, job -> job.status() == JobStatus.RUNNING && job.epoch() >= 1
                    && !firstInstance.equals(job.runnerInstance()));
            assertThat(rerun.runnerInstance()).isEqualTo(second.getBean(ServiceInstance.class).id());
            training.cancel(running);
            TrainingJob cancelled = await(training, running, job -> job.status().isFinal());
            assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
            TrainingJob done = await(training, waiting, job -> job.status().isFinal());
            assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(done.modelId()).isNotNull();
        }
    }
}
