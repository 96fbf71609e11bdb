package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tsforge.config.JdbcTimes;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.series.GapPolicy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job state machine as the database sees it: each step of {@link TrainingJobRepository} on the real schema
 * (Flyway's migrations), in a context of only a DataSource, Flyway and the repository. Subclasses pick the
 * database.
 */
@SpringBootTest(classes = JobTransitionsContract.Slice.class)
@ActiveProfiles("test")
abstract class JobTransitionsContract {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final Instant LATER = NOW.plus(5, ChronoUnit.MINUTES);
    /** Threads taking the same step at once, and jobs raced per compare-and-set test. */
    private static final int RACERS = 4;
    private static final int ROUNDS = 15;

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class})
    @Import(TrainingJobRepository.class)
    static class Slice {

        @Bean
        JsonMapper jsonMapper() {
            return JsonMapper.builder().build();
        }
    }

    @Autowired
    TrainingJobRepository jobs;
    @Autowired
    JdbcClient jdbc;

    long seriesId;

    @BeforeEach
    void series() {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO series (name, frequency, created_at, updated_at) VALUES (:name, 'P1D', :now, :now)")
                .param("name", "jobs-" + System.nanoTime())
                .param("now", JdbcTimes.utc(NOW))
                .update(keys, "id");
        seriesId = keys.getKeyAs(Long.class);
    }

    private long queued() {
        return jobs.insert(seriesId, StatisticalSpec.theta(48, 6, GapPolicy.SPLIT, 3), null, NOW);
    }

    private long running() {
        long id = queued();
        assertThat(jobs.start(id, "replica-a", NOW)).isTrue();
        return id;
    }

    private TrainingJob job(long id) {
        return jobs.find(id).orElseThrow();
    }

    @Test
    void aQueuedJobStartsOnThisInstanceFromEpochZero() {
        long id = queued();

        assertThat(jobs.start(id, "replica-a", NOW)).isTrue();

        TrainingJob job = job(id);
        assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(job.runnerInstance()).isEqualTo("replica-a");
        assertThat(job.startedAt()).isEqualTo(NOW);
        assertThat(job.epoch()).isZero();
    }

    @Test
    void aRunningJobWhoseReplicaDiedStartsAgainAfreshElsewhere() {
        long id = running();
        jobs.recordEpoch(id, new EpochLoss(3, 0.5, 0.6, 100));

        assertThat(jobs.start(id, "replica-b", LATER)).isTrue();

        TrainingJob job = job(id);
        assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(job.runnerInstance()).isEqualTo("replica-b");
        assertThat(job.startedAt()).isEqualTo(LATER);
        assertThat(job.epoch()).isZero();
        assertThat(job.lastLoss()).isNull();
        assertThat(jobs.losses(id)).isEmpty();
    }

    @Test
    void aRunningJobSucceedsWithItsModel() {
        long id = running();

        assertThat(jobs.markSucceeded(id, 77L, "all 5 epochs", "the new champion", LATER)).isTrue();

        TrainingJob job = job(id);
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.modelId()).isEqualTo(77L);
        assertThat(job.stopReason()).isEqualTo("all 5 epochs");
        assertThat(job.outcome()).isEqualTo("the new champion");
        assertThat(job.finishedAt()).isEqualTo(LATER);
    }

    @Test
    void aRunningJobFailsOrIsCancelledWithItsReason() {
        long failing = running();
        long cancelled = running();

        assertThat(jobs.markFailed(failing, "out of memory", LATER)).isTrue();
        assertThat(jobs.markCancelled(cancelled, "cancelled by request after epoch 2", LATER)).isTrue();

        assertThat(job(failing).status()).isEqualTo(JobStatus.FAILED);
        assertThat(job(failing).errorMessage()).isEqualTo("out of memory");
        assertThat(job(failing).finishedAt()).isEqualTo(LATER);
        assertThat(job(cancelled).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(job(cancelled).stopReason()).isEqualTo("cancelled by request after epoch 2");
        assertThat(job(cancelled).finishedAt()).isEqualTo(LATER);
    }

    @Test
    void aRunningJobHandedBackIsQueuedAgainWithNoRunner() {
        long id = running();

        assertThat(jobs.handBack(id)).isTrue();

        TrainingJob job = job(id);
        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(job.runnerInstance()).isNull();
        assertThat(job.startedAt()).isNull();
        assertThat(jobs.start(id, "replica-b", LATER)).isTrue();
    }

    @Test
    void aQueuedJobIsCancelledOrFailedWithoutRunning() {
        long cancelled = queued();
        long failed = queued();

        assertThat(jobs.cancelQueued(cancelled, LATER)).isTrue();
        assertThat(jobs.markFailed(failed, "interrupted", LATER)).isTrue();

        assertThat(job(cancelled).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(job(cancelled).cancelRequested()).isTrue();
        assertThat(job(cancelled).finishedAt()).isEqualTo(LATER);
        assertThat(job(failed).status()).isEqualTo(JobStatus.FAILED);
        assertThat(job(failed).errorMessage()).isEqualTo("interrupted");
    }

    @Test
    void stepsFromTheWrongStateChangeNothing() {
        long queued = queued();
        long running = running();

        assertThat(jobs.markSucceeded(queued, 1L, "all epochs", "champion", LATER)).isFalse();
        assertThat(jobs.markCancelled(queued, "too early", LATER)).isFalse();
        assertThat(jobs.handBack(queued)).isFalse();
        assertThat(jobs.cancelQueued(running, LATER)).isFalse();

        assertThat(job(queued).status()).isEqualTo(JobStatus.QUEUED);
        assertThat(job(queued).modelId()).isNull();
        assertThat(job(queued).finishedAt()).isNull();
        assertThat(job(running).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(job(running).cancelRequested()).isFalse();
    }

    @Test
    void aFinishedJobTakesNoFurtherStep() {
        long succeeded = running();
        long failed = running();
        long cancelled = queued();
        jobs.markSucceeded(succeeded, 1L, "all epochs", "champion", NOW);
        jobs.markFailed(failed, "diverged", NOW);
        jobs.cancelQueued(cancelled, NOW);

        for (long id : List.of(succeeded, failed, cancelled)) {
            JobStatus before = job(id).status();
            assertThat(jobs.start(id, "replica-b", LATER)).as("start %s", before).isFalse();
            assertThat(jobs.handBack(id)).as("hand back %s", before).isFalse();
            assertThat(jobs.markSucceeded(id, 2L, "again", "again", LATER)).as("succeed %s", before).isFalse();
            assertThat(jobs.markFailed(id, "again", LATER)).as("fail %s", before).isFalse();
            assertThat(jobs.markCancelled(id, "again", LATER)).as("cancel %s", before).isFalse();
            assertThat(jobs.cancelQueued(id, LATER)).as("cancel queued %s", before).isFalse();
            assertThat(job(id).status()).isEqualTo(before);
            assertThat(job(id).finishedAt()).isEqualTo(NOW);
        }
        assertThat(job(succeeded).modelId()).isEqualTo(1L);
        assertThat(job(failed).errorMessage()).isEqualTo("diverged");
    }

    @Test
    void aStepTheStateMachineForbidsIsRefusedBeforeAnySql() {
        long succeeded = running();
        jobs.markSucceeded(succeeded, 1L, "all epochs", "champion", NOW);
        long queued = queued();

        assertThatThrownBy(() -> jobs.transition(succeeded, Set.of(JobStatus.SUCCEEDED), JobStatus.RUNNING, "",
                new MapSqlParameterSource())).isInstanceOf(IllegalStateException.class).hasMessage("a job cannot move from SUCCEEDED to RUNNING");
        assertThatThrownBy(() -> jobs.transition(queued, Set.of(JobStatus.QUEUED), JobStatus.SUCCEEDED, "",
                new MapSqlParameterSource())).isInstanceOf(IllegalStateException.class).hasMessage("a job cannot move from QUEUED to SUCCEEDED");

        assertThat(job(succeeded).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job(queued).status()).isEqualTo(JobStatus.QUEUED);
    }

    @Test
    void racingEndsOfARunLetExactlyOneWin() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            long id = running();
            List<Boolean> results = race(List.of(
                    () -> jobs.markSucceeded(id, 9L, "all epochs", "champion", LATER),
                    () -> jobs.markFailed(id, "failed", LATER),
                    () -> jobs.markCancelled(id, "cancelled", LATER)));

            assertThat(results).as("round %d: %s", round, results).containsOnlyOnce(true);
            assertThat(job(id).status()).isEqualTo(List.of(JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED)
                    .get(results.indexOf(true)));
        }
    }

    /** Not with markFailed: a handed-back job is QUEUED, which may still fail (one after the other, both win). */
    @Test
    void aHandBackRacingTheEndOfTheRunLetsExactlyOneWin() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            long id = running();
            List<Boolean> results = race(List.of(
                    () -> jobs.handBack(id),
                    () -> jobs.markSucceeded(id, 9L, "all epochs", "champion", LATER),
                    () -> jobs.markCancelled(id, "cancelled", LATER)));

            assertThat(results).as("round %d: %s", round, results).containsOnlyOnce(true);
            assertThat(job(id).status()).isEqualTo(List.of(JobStatus.QUEUED, JobStatus.SUCCEEDED, JobStatus.CANCELLED)
                    .get(results.indexOf(true)));
        }
    }

    @Test
    void aStartRacingACancelOfTheQueuedJobLetsExactlyOneWin() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            long id = queued();
            List<Boolean> results = race(List.of(
                    () -> jobs.start(id, "replica-a", LATER),
                    () -> jobs.cancelQueued(id, LATER)));

            assertThat(results).as("round %d: %s", round, results).containsOnlyOnce(true);
            assertThat(job(id).status()).isEqualTo(results.get(0) ? JobStatus.RUNNING : JobStatus.CANCELLED);
        }
    }

    @Test
    void theSameStepTakenTwiceAtOnceSucceedsOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            long id = running();
            List<Callable<Boolean>> steps = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                long modelId = i;
                steps.add(() -> jobs.markSucceeded(id, modelId, "all epochs", "champion", LATER));
            }
            List<Boolean> results = race(steps);

            assertThat(results).as("round %d: %s", round, results).containsOnlyOnce(true);
            assertThat(job(id).modelId()).isEqualTo((long) results.indexOf(true));
        }
    }

    /** Runs the steps at once, each on its own thread and connection, and gives their answers in order. */
    private static List<Boolean> race(List<Callable<Boolean>> steps) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(steps.size());
        try {
            CountDownLatch ready = new CountDownLatch(steps.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> answers = new ArrayList<>();
            for (Callable<Boolean> step : steps) {
                answers.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return step.call();
                }));
            }
            ready.await();
            go.countDown();
            List<Boolean> results = new ArrayList<>();
            for (Future<Boolean> answer : answers) {
                results.add(answer.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
