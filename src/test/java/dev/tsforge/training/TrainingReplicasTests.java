package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.model.Architecture;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.TestSpecs;
import dev.tsforge.series.SeriesService;
import dev.tsforge.support.PostgresAvailable;
import dev.tsforge.support.Services;
import dev.tsforge.support.TestPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Two replicas on one PostgreSQL share the training queue, and each job runs exactly once. */
@PostgresAvailable
class TrainingReplicasTests {

    private static final String SCHEMA = TestPostgres.newSchema();
    private static final int JOBS = 4;
    private static final int EPOCHS = 40;
    /**
     * Long enough to outlast two of JobRunr's 5-second polls on a fast host: 100 epochs took 2.8 s on one, the
     * replica that ran it took the other jobs as it finished, and the other replica's poll found none left.
     */
    private static final int LONG_EPOCHS = 400;

    @AfterAll
    static void dropSchema() throws Exception {
        TestPostgres.dropSchema(SCHEMA);
    }

    private static ConfigurableApplicationContext replica(Path models) {
        return Services.startReplica(SCHEMA, models);
    }

    @Test
    void twoReplicasShareTheQueueAndRunEachJobOnce(@TempDir Path models) throws Exception {
        try (ConfigurableApplicationContext a = replica(models); ConfigurableApplicationContext b = replica(models)) {
            TrainingService training = a.getBean(TrainingService.class);
            long seriesId = Services.hourlySine(a.getBean(SeriesService.class), "replicas", 200);
            NetworkSpec spec = TestSpecs.withEpochs(TestSpecs.small(Architecture.LSTM), EPOCHS);
            List<Long> jobIds = new ArrayList<>();
            // the first job keeps its replica busy for several poll intervals, so the other replica must take
            // the rest: both take part whatever the polling phase
            jobIds.add(training.submit(seriesId, TestSpecs.withEpochs(spec, LONG_EPOCHS)).id());
            for (int i = 1; i < JOBS; i++) {
                jobIds.add(training.submit(seriesId, spec).id());
            }

            Set<String> runners = new HashSet<>();
            JdbcClient jdbc = a.getBean(JdbcClient.class);
            for (long jobId : jobIds) {
                TrainingJob done = Services.awaitJob(training, jobId, job -> job.status().isFinal());
                assertThat(done.status()).as("job %d: %s", jobId, done.errorMessage()).isEqualTo(JobStatus.SUCCEEDED);
                runners.add(done.runnerInstance());
                assertThat(jdbc.sql("SELECT COUNT(*) FROM training_epoch WHERE job_id = :id").param("id", jobId)
                        .query(Long.class).single()).as("one loss row per epoch: one run")
                        .isEqualTo(done.spec().epochs());
                assertThat(jdbc.sql("SELECT COUNT(*) FROM model_version WHERE training_job_id = :id")
                        .param("id", jobId).query(Long.class).single()).as("one model per job").isEqualTo(1);
            }
            assertThat(runners).as("both replicas took jobs from the shared queue").containsExactlyInAnyOrder(
                    a.getBean(ServiceInstance.class).id(), b.getBean(ServiceInstance.class).id());
        }
    }
}
