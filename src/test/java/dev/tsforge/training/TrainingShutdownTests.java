package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.model.Architecture;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.TestSpecs;
import dev.tsforge.series.SeriesService;
import dev.tsforge.support.Services;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stopping the service never loses or strands a job: the running fit stops at its next epoch and is handed back,
 * and after the restart JobRunr runs it again from the start, and the job that was waiting runs too.
 */
class TrainingShutdownTests {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static ConfigurableApplicationContext startOn(Path dir) {
        // command-line arguments outrank the test profile's per-context database
        return Services.startApplication("--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                "--tsforge.storage.model-dir=" + dir.resolve("models"),
                // the "endless" job below must outlast the shutdown
                "--tsforge.limits.max-epochs=100000");
    }

    @Test
    void aJobRunningAtShutdownIsHandedBackAndRunsAgainAfterTheRestart(@TempDir Path dir) throws Exception {
        NetworkSpec endless = TestSpecs.withEpochs(TestSpecs.small(Architecture.SIMPLE_RNN), 100_000);
        long running;
        long waiting;
        String firstInstance;
        try (ConfigurableApplicationContext first = startOn(dir)) {
            TrainingService training = first.getBean(TrainingService.class);
            long seriesId = Services.hourlySine(first.getBean(SeriesService.class), "shutdown", 200);
            running = training.submit(seriesId, endless).id();
            waiting = training.submit(seriesId, TestSpecs.small(Architecture.SIMPLE_RNN)).id();
            TrainingJob started = Services.awaitJob(training, running, job -> job.epoch() >= 1);
            assertThat(started.status()).isEqualTo(JobStatus.RUNNING);
            firstInstance = started.runnerInstance();
        }

        try (ConfigurableApplicationContext second = startOn(dir)) {
            TrainingService training = second.getBean(TrainingService.class);
            TrainingJob rerun = Services.awaitJob(training, running, job -> job.status() == JobStatus.RUNNING && job.epoch() >= 1
                    && !firstInstance.equals(job.runnerInstance()));
            assertThat(rerun.runnerInstance()).isEqualTo(second.getBean(ServiceInstance.class).id());
            training.cancel(running);
            TrainingJob cancelled = Services.awaitJob(training, running, job -> job.status().isFinal());
            assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
            TrainingJob done = Services.awaitJob(training, waiting, job -> job.status().isFinal());
            assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(done.modelId()).isNotNull();
        }
    }
}
