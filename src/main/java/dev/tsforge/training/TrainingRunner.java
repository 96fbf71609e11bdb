package dev.tsforge.training;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.evaluation.Accuracy;
import dev.tsforge.evaluation.ConformalCalibration;
import dev.tsforge.evaluation.HoldoutEvaluation;
import dev.tsforge.evaluation.HoldoutSplit;
import dev.tsforge.evaluation.NotEnoughHistoryException;
import dev.tsforge.model.EpochListener;
import dev.tsforge.model.InsufficientDataException;
import dev.tsforge.model.ModelLoader;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.ModelTrainer;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.Predictor;
import dev.tsforge.model.TrainingOutcome;
import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.registry.ModelStore;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.registry.Promotion.ChampionScore;
import dev.tsforge.registry.Provenance;
import dev.tsforge.series.Point;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesService;
import dev.tsforge.series.SeriesWindows;
import dev.tsforge.web.ApiProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one job on a training thread: reads the points, holds out the last {@code horizon} of them, fits without
 * any open transaction, measures the model and the baselines (and the current champion) on the holdout, then
 * registers the model and marks the job SUCCEEDED in one short transaction.
 */
@Component
class TrainingRunner {

    private static final Logger log = LoggerFactory.getLogger(TrainingRunner.class);

    private final TrainingJobRepository jobs;
    private final SeriesService series;
    private final ModelTrainer trainer;
    private final ModelLoader loader;
    private final ModelRegistry registry;
    private final ModelStore store;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ServiceInstance instance;
    private final AutoSearch autoSearch;
    private final BacktestJobRunner backtests;
    private final int maxTrainingSeconds;
    private volatile boolean stopping;

    TrainingRunner(TrainingJobRepository jobs, SeriesService series, ModelTrainer trainer, ModelLoader loader,
            ModelRegistry registry, ModelStore store, TransactionTemplate transaction, Clock clock,
            ServiceInstance instance, AutoSearch autoSearch, BacktestJobRunner backtests, TsforgeProperties properties) {
        this.jobs = jobs;
        this.series = series;
        this.trainer = trainer;
        this.loader = loader;
        this.registry = registry;
        this.store = store;
        this.transaction = transaction;
        this.clock = clock;
        this.instance = instance;
        this.autoSearch = autoSearch;
        this.backtests = backtests;
        this.maxTrainingSeconds = properties.limits().maxTrainingSeconds();
    }

    /**
     * Set when the application context starts closing, while the database is still open: the running fit stops
     * at its next epoch and the job is handed back (QUEUED again) for JobRunr to run again, on another replica or
     * after the restart. A flag rather than a thread interrupt, which would close the database's file channels.
     */
    @EventListener(ContextClosedEvent.class)
    void stopTraining() {
        stopping = true;
    }

    /**
     * Runs a QUEUED job, or again a RUNNING one whose previous run died with its replica (JobRunr re-runs it once
     * the replica's heartbeat has stopped). Does nothing for a job that was cancelled or deleted meanwhile.
     *
     * @throws JobHandedBackException when the service shuts down during the run: JobRunr retries it later
     */
    void run(long jobId) {
        if (stopping) {
            throw new JobHandedBackException("the service is shutting down; training job " + jobId + " waits");
        }
        if (!jobs.start(jobId, instance.id(), clock.instant())) {
            return;
        }
        TrainingJob job = jobs.find(jobId).orElseThrow();
        String artifact = store.artifactName(job.seriesId(), jobId);
        try {
            if (job.kind() == JobKind.BACKTEST) {
                backtests.run(job, listener(job, false));
                log.info("Backtest job {} for series {} succeeded", jobId, job.seriesId());
                return;
            }
            Trained trained = train(job, artifact);
            ModelVersion model = trained.model();
            ChampionScore champion = championScore(model, trained.split());
            String outcome = transaction.execute(status -> {
                ModelRegistry.Registration registration = registry.register(model, champion);
                String text = trained.search() == null ? registration.promotion().reason()
                        : trained.search() + " The winner is a " + registration.promotion().reason();
                if (!jobs.markSucceeded(jobId, registration.modelId(), model.run().stopReason(), text, clock.instant())) {
                    throw new IllegalStateException("the job was no longer RUNNING when training finished");
                }
                return text;
            });
            log.info("Training job {} for series {} succeeded: {}", jobId, job.seriesId(), outcome);
        } catch (JobCancelledException e) {
            store.delete(artifact);
            jobs.markCancelled(jobId, e.getMessage(), clock.instant());
            log.info("Training job {} for series {} cancelled: {}", jobId, job.seriesId(), e.getMessage());
        } catch (JobHandedBackException e) {
            store.delete(artifact);
            jobs.handBack(jobId);
            log.info("Training job {} for series {} handed back: {}", jobId, job.seriesId(), e.getMessage());
            throw e;
        } catch (RuntimeException | Error e) {
            store.delete(artifact);
            log.warn("Training job {} for series {} failed", jobId, job.seriesId(), e);
            recordFailure(jobId, describe(e));
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    private void recordFailure(long jobId, String message) {
        try {
            jobs.markFailed(jobId, message, clock.instant());
        } catch (RuntimeException unrecorded) {
            // the next start-up fails the job as interrupted
            log.warn("Could not record the failure of training job {}: {}", jobId, unrecorded.getMessage());
        }
    }

    /** A trained, measured model; {@code search} is the AUTO search's account, null for a single spec. */
    private record Trained(ModelVersion model, HoldoutSplit split, String search) {
    }

    private Trained train(TrainingJob job, String artifact) {
        Series target = series.get(job.seriesId());
        List<Point> points = series.points(job.seriesId(), null, null);
        ModelSpec spec = job.spec();
        HoldoutSplit split = HoldoutSplit.of(SeriesWindows.runs(points, target, spec.gapPolicy()), spec.horizon(),
                spec.lookback());
        boolean auto = job.autoBudgetSeconds() != null;
        // an AUTO job fits several candidates; its loss curve would mix them
        EpochListener listener = listener(job, !auto);
        TrainingOutcome outcome;
        String search = null;
        if (auto) {
            AutoSearch.Result result = autoSearch.search(split, target.seasonalPeriod(), job.autoBudgetSeconds(), spec,
                    listener, store.resolve(artifact));
            spec = result.winner();
            jobs.updateSpec(job.id(), spec);
            outcome = result.outcome();
            search = result.summary();
        } else if (job.parentModelId() == null) {
            outcome = trainer.train(split.trainingRuns(), spec, target.seasonalPeriod(), listener,
                    store.resolve(artifact));
        } else if (spec instanceof NetworkSpec network) {
            outcome = trainer.continueTraining(store.resolve(registry.version(job.parentModelId()).artifact().name()),
                    split.trainingRuns(), network, listener, store.resolve(artifact));
        } else {
            throw new IllegalStateException("only a network continues from a parent model, not "
                    + spec.architectureName());
        }
        HoldoutEvaluation evaluation = HoldoutEvaluation.of(split.history(), split.holdout(),
                outcome.predictor().forecast(split.history(), spec.horizon()), target.seasonalPeriod());
        ConformalCalibration calibration = IntervalCalibration.of(split.lastRun(), split.history().length, spec,
                outcome);
        // the holdout is the last horizon grid steps: observed, filled in (LINEAR, FORWARD_FILL) or missing (MASK)
        Instant dataTo = target.frequency().plus(points.get(points.size() - 1).timestamp(), -spec.horizon());
        int trainingPoints = (int) points.stream().filter(p -> !p.timestamp().isAfter(dataTo)).count();
        ModelVersion.Lineage lineage = new ModelVersion.Lineage(job.id(), job.parentModelId());
        ModelVersion.TrainingData data = new ModelVersion.TrainingData(points.get(0).timestamp(), dataTo,
                trainingPoints, outcome.windows());
        ModelVersion.TrainingRun run = new ModelVersion.TrainingRun(outcome.epochsRun(), outcome.trainingLoss(),
                outcome.validationLoss(), outcome.stopReason(), outcome.trainingMillis(), outcome.engine());
        Instant now = clock.instant();
        store.writeProvenance(artifact, new Provenance(Provenance.SeriesRef.of(target), lineage, spec, data,
                split.holdout().length, run, evaluation, search, false, now));
        ModelVersion model = new ModelVersion(0, job.seriesId(), lineage, spec, data, run, evaluation, calibration,
                store.artifact(artifact), now);
        return new Trained(model, split, search);
    }

    /**
     * Stops the fit at the end of an epoch on shutdown, cancel or past {@code tsforge.limits.max-training-seconds},
     * and records the loss curve if asked.
     */
    private EpochListener listener(TrainingJob job, boolean recordEpochs) {
        long started = System.nanoTime();
        return (epoch, loss, validation) -> {
            if (stopping) {
                throw new JobHandedBackException("the service shut down during epoch " + (epoch + 1));
            }
            if (recordEpochs) {
                jobs.recordEpoch(job.id(), new EpochLoss(epoch, loss, validation,
                        (System.nanoTime() - started) / 1_000_000));
            }
            if (jobs.cancelRequested(job.id())) {
                throw new JobCancelledException("cancelled by request after epoch " + epoch);
            }
            if (System.nanoTime() - started > maxTrainingSeconds * 1_000_000_000L) {
                throw new IllegalStateException("Training exceeded tsforge.limits.max-training-seconds ("
                        + maxTrainingSeconds + " s) after epoch " + epoch + "; ask for fewer epochs or a smaller network");
            }
        };
    }

    /** The champion's accuracy on the new model's holdout, forecast from the same history. */
    private ChampionScore championScore(ModelVersion model, HoldoutSplit split) {
        return registry.champion(model.seriesId()).map(champion -> {
            Predictor predictor = loader.load(store.resolve(champion.artifact().name()));
            if (split.history().length < predictor.lookback()) {
                return new ChampionScore(champion.id(), null);
            }
            double[] forecast = predictor.forecast(split.history(), model.spec().horizon());
            double scale = Accuracy.maseScale(split.history(), model.evaluation().seasonalPeriod());
            return new ChampionScore(champion.id(), Accuracy.of(split.holdout(), forecast, scale));
        }).orElse(null);
    }

    private static String describe(Throwable e) {
        if (e instanceof InsufficientDataException || e instanceof NotEnoughHistoryException
                || e instanceof IllegalStateException || e instanceof ApiProblemException) {
            return e.getMessage();
        }
        return "Training failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
