package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.TsforgeApplication;
import dev.tsforge.model.Architecture;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.TestSpecs;
import dev.tsforge.series.RawPoint;
import dev.tsforge.series.SeriesService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stopping the service never leaves a job RUNNING: the running fit stops at its next epoch and says so, a queued
 * job is failed as interrupted when the service starts again.
 */
class TrainingShutdownTests {

    private static ConfigurableApplicationContext start(Path dir) {
        return new SpringApplicationBuilder(TsforgeApplication.class)
                .profiles("test")
                // command-line arguments outrank the test profile's per-context database
                .run("--server.port=0",
                        "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE",
                        "--tsforge.storage.model-dir=" + dir.resolve("models"));
    }

    private static List<Path> artifacts(Path models) throws java.io.IOException {
        if (!Files.exists(models)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(models)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void shutdownCancelsTheRunningJobAndRestartFailsTheQueuedOne(@TempDir Path dir) throws Exception {
        long running;
        long queued;
        try (ConfigurableApplicationContext first = start(dir)) {
            SeriesService series = first.getBean(SeriesService.class);
            TrainingService training = first.getBean(TrainingService.class);
            long seriesId = series.create("shutdown", "PT1H", null, null, null).id();
            List<RawPoint> rows = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                rows.add(RawPoint.jsonIndex(i, Instant.parse("2024-01-01T00:00:00Z").plus(Duration.ofHours(i)).toString(),
                        String.valueOf(Math.sin(i / 4.0))));
            }
            series.ingest(seriesId, rows);
            NetworkSpec endless = TestSpecs.withEpochs(TestSpecs.small(Architecture.SIMPLE_RNN), 100_000);
            running = training.submit(seriesId, endless).id();
            queued = training.submit(seriesId, endless).id();
            Instant deadline = Instant.now().plusSeconds(60);
            while (training.get(running).epoch() < 1 && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(training.get(running).status()).isEqualTo(JobStatus.RUNNING);
        }

        try (ConfigurableApplicationContext second = start(dir)) {
            TrainingService training = second.getBean(TrainingService.class);
            TrainingJob cancelled = training.get(running);
            assertThat(cancelled.status()).isEqualTo(JobStatus.FAILED);
            assertThat(cancelled.errorMessage()).startsWith("cancelled: the service shut down");
            assertThat(cancelled.epoch()).isBetween(1, 99_999);
            assertThat(cancelled.finishedAt()).isNotNull();
            TrainingJob interrupted = training.get(queued);
            assertThat(interrupted.status()).isEqualTo(JobStatus.FAILED);
            assertThat(interrupted.errorMessage()).isEqualTo(InterruptedJobRecovery.MESSAGE);
            assertThat(artifacts(dir.resolve("models"))).as("no artifact from a cancelled job").isEmpty();
        }
    }
}
