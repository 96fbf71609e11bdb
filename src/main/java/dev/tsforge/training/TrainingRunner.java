package dev.tsforge.training;

import dev.tsforge.evaluation.NotEnoughHistoryException;
import dev.tsforge.logging.LogContext;
import dev.tsforge.model.InsufficientDataException;
import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.registry.ModelStore;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.registry.Promotion.ChampionScore;
import dev.tsforge.web.ApiProblemException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one job on a training thread and keeps its life cycle: starts it, has {@link ModelFitting} fit and measure
 * the model without any open transaction, scores the current champion on the same holdout, then registers the model
 * and marks the job SUCCEEDED in one short transaction. A cancel, a shutdown or a failure during the run ends the
 * job CANCELLED, QUEUED again or FAILED. Jobs of another kind (backtests) run their {@link JobWork} in place of the
 * fit, under the same life cycle.
 */
@Component
class TrainingRunner {

    private static final Logger log = LoggerFactory.getLogger(TrainingRunner.class);

    private final TrainingJobRepository jobs;
    private final EpochGuard guard;
    private final ModelFitting fitting;
    private final GlobalFitting globalFitting;
    private final ChampionScoring champions;
    private final Map<JobKind, JobWork> works = new EnumMap<>(JobKind.class);
    private final ModelRegistry registry;
    private final ModelStore store;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ServiceInstance instance;
    private final TrainingMetrics metrics;

    TrainingRunner(TrainingJobRepository jobs, EpochGuard guard, ModelFitting fitting, GlobalFitting globalFitting,
            ChampionScoring champions, List<JobWork> works, ModelRegistry registry, ModelStore store,
            TransactionTemplate transaction, Clock clock, ServiceInstance instance, TrainingMetrics metrics) {
        this.jobs = jobs;
        this.guard = guard;
        this.fitting = fitting;
        this.globalFitting = globalFitting;
        this.champions = champions;
        for (JobWork work : works) {
            if (work.kind() == JobKind.TRAINING || this.works.put(work.kind(), work) != null) {
                throw new IllegalStateException("a second way to run " + work.kind() + " jobs: " + work);
            }
        }
        this.registry = registry;
        this.store = store;
        this.transaction = transaction;
        this.clock = clock;
        this.instance = instance;
        this.metrics = metrics;
    }

    /**
     * Runs a QUEUED job, or again a RUNNING one whose previous run died with its replica (JobRunr re-runs it once
     * the replica's heartbeat has stopped). Does nothing for a job that was cancelled or deleted meanwhile.
     *
     * @throws JobHandedBackException when the service shuts down during the run: JobRunr retries it later
     */
    void run(long jobId) {
        if (guard.stopping()) {
            throw new JobHandedBackException("the service is shutting down; training job " + jobId + " waits");
        }
        if (!jobs.start(jobId, instance.id(), clock.instant())) {
            return;
        }
        TrainingJob job = jobs.find(jobId).orElseThrow();
        if (!job.global()) {
            LogContext.series(job.seriesId());
        }
        metrics.started(job, Duration.between(job.createdAt(), job.startedAt()));
        String artifact = job.global() ? store.globalArtifactName(job.collectionId(), jobId)
                : store.artifactName(job.seriesId(), jobId);
        try {
            // another kind's work first: a panel backtest names a collection as a global training does
            if (job.kind() != JobKind.TRAINING) {
                runWork(job);
                return;
            }
            if (job.global()) {
                runGlobal(job, artifact);
                return;
            }
            // an AUTO job fits several candidates; its loss curve would mix them
            ModelFitting.MeasuredModel fitted = fitting.fit(job, artifact,
                    guard.listener(job, job.autoBudgetSeconds() == null));
            ModelVersion model = fitted.model();
            ChampionScore champion = champions.score(model, fitted.split());
            ModelRegistry.Registration registration = transaction.execute(status -> {
                ModelRegistry.Registration registered = registry.register(model, champion);
                if (!jobs.markSucceeded(jobId, registered.modelId(), model.run().stopReason(),
                        outcome(fitted, registered), registered.promotion().promoted(), clock.instant())) {
                    throw new IllegalStateException("the job was no longer RUNNING when training finished");
                }
                return registered;
            });
            LogContext.model(registration.modelId());
            metrics.event(job, TrainingMetrics.Event.SUCCEEDED);
            if (registration.promotion().promoted()) {
                metrics.promoted();
            }
            log.info("Training job {} for series {} succeeded: {}", jobId, job.seriesId(),
                    outcome(fitted, registration));
        } catch (JobCancelledException e) {
            store.delete(artifact);
            jobs.markCancelled(jobId, e.getMessage(), clock.instant());
            metrics.event(job, TrainingMetrics.Event.CANCELLED);
            log.info("Training job {} for {} cancelled: {}", jobId, subject(job), e.getMessage());
        } catch (JobHandedBackException e) {
            store.delete(artifact);
            jobs.handBack(jobId);
            metrics.event(job, TrainingMetrics.Event.HANDED_BACK);
            log.info("Training job {} for {} handed back: {}", jobId, subject(job), e.getMessage());
            throw e;
        } catch (RuntimeException | Error e) {
            store.delete(artifact);
            log.warn("Training job {} for {} failed", jobId, subject(job), e);
            recordFailure(jobId, describe(e));
            metrics.event(job, TrainingMetrics.Event.FAILED);
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    /**
     * The success path of a global model: the fit and every member's measures outside any transaction, then one
     * short transaction registers the model, runs each member's champion gate and marks the job SUCCEEDED.
     */
    private void runGlobal(TrainingJob job, String artifact) {
        GlobalFitting.Measured fitted = globalFitting.fit(job, artifact, guard.listener(job, true));
        ModelVersion model = fitted.model();
        GlobalOutcome outcome = transaction.execute(status -> {
            ModelRegistry.GlobalRegistration registered = registry.registerGlobal(model, fitted.members());
            GlobalOutcome described = new GlobalOutcome(registered, GlobalOutcome.describe(
                    model.panel().evaluation(), registered, fitted.skipped()));
            if (!jobs.markSucceeded(job.id(), registered.modelId(), model.run().stopReason(), described.text(),
                    clock.instant())) {
                throw new IllegalStateException("the job was no longer RUNNING when training finished");
            }
            return described;
        });
        LogContext.model(outcome.registration().modelId());
        metrics.event(job, TrainingMetrics.Event.SUCCEEDED);
        for (long i = 0; i < outcome.registration().promoted(); i++) {
            metrics.promoted();
        }
        log.info("Training job {} for {} succeeded: {}", job.id(), subject(job), outcome.text());
    }

    /** What a job trains on, for the log. */
    private static String subject(TrainingJob job) {
        return job.global() ? "collection " + job.collectionId() : "series " + job.seriesId();
    }

    /** The same success path for another kind's work: its result and SUCCEEDED in one short transaction. */
    private void runWork(TrainingJob job) {
        JobWork work = works.get(job.kind());
        if (work == null) {
            throw new IllegalStateException("this service cannot run " + job.kind() + " jobs");
        }
        JobWork.Result result = work.run(job, guard.listener(job, false));
        String kind = job.kind().name().toLowerCase(Locale.ROOT);
        transaction.executeWithoutResult(status -> {
            result.record();
            if (!jobs.markSucceeded(job.id(), null, null, null, clock.instant())) {
                throw new IllegalStateException("the job was no longer RUNNING when the " + kind + " finished");
            }
        });
        metrics.event(job, TrainingMetrics.Event.SUCCEEDED);
        log.info("{} job {} for {} succeeded", job.kind(), job.id(), subject(job));
    }

    /** The job's outcome in words: champion or challenger and why, after the AUTO search's account if any. */
    private static String outcome(ModelFitting.MeasuredModel fitted, ModelRegistry.Registration registration) {
        return fitted.search() == null ? registration.promotion().reason()
                : fitted.search() + " The winner is a " + registration.promotion().reason();
    }

    private void recordFailure(long jobId, String message) {
        try {
            jobs.markFailed(jobId, message, clock.instant());
        } catch (RuntimeException unrecorded) {
            // the next start-up fails the job as interrupted
            log.warn("Could not record the failure of training job {}: {}", jobId, unrecorded.getMessage());
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof InsufficientDataException || e instanceof NotEnoughHistoryException
                || e instanceof IllegalStateException || e instanceof ApiProblemException) {
            return e.getMessage();
        }
        return "Training failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
