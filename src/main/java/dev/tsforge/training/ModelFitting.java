package dev.tsforge.training;

import dev.tsforge.evaluation.ConformalCalibration;
import dev.tsforge.evaluation.HoldoutEvaluation;
import dev.tsforge.evaluation.HoldoutSplit;
import dev.tsforge.model.EpochListener;
import dev.tsforge.model.CovariateValues;
import dev.tsforge.model.History;
import dev.tsforge.model.Timeline;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.ModelTrainer;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.model.TrainingOutcome;
import dev.tsforge.registry.ModelArtifacts;
import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.registry.ModelStore;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.registry.Provenance;
import dev.tsforge.series.Point;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesService;
import dev.tsforge.series.SeriesWindows;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Fits and measures the model a training job asks for: holds out the last {@code horizon} points, fits on the rest
 * (one spec, a warm start from a parent model, or an AUTO search), evaluates the model and the baselines on the
 * holdout, calibrates its intervals, and writes the artifact with its provenance. Registers nothing and opens no
 * transaction: the caller does both, once this has returned.
 */
@Component
class ModelFitting {

    /**
     * The share of an AUTO budget by which calibration stops taking origins: the job must end within its budget and
     * a fifth, and writing and registering the model follow.
     */
    static final double CALIBRATED_BY = 1.05;

    private final SeriesService series;
    private final ModelTrainer trainer;
    private final AutoSearch autoSearch;
    private final ModelRegistry registry;
    private final ModelStore store;
    private final ModelArtifacts artifacts;
    private final TrainingJobRepository jobs;
    private final Clock clock;
    private final TrainingMetrics metrics;
    private final TrainingCovariates covariates;

    ModelFitting(SeriesService series, ModelTrainer trainer, AutoSearch autoSearch, ModelRegistry registry,
            ModelStore store, ModelArtifacts artifacts, TrainingJobRepository jobs, Clock clock, TrainingMetrics metrics,
            TrainingCovariates covariates) {
        this.covariates = covariates;
        this.series = series;
        this.trainer = trainer;
        this.autoSearch = autoSearch;
        this.registry = registry;
        this.store = store;
        this.artifacts = artifacts;
        this.jobs = jobs;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * A fitted, measured model, not yet registered.
     *
     * @param split  the history and holdout it was measured on, for scoring the champion on the same values
     * @param search the AUTO search's account, null for a single spec
     */
    record MeasuredModel(ModelVersion model, HoldoutSplit split, String search) {
    }

    /**
     * @param artifact the store name to write the model to
     * @param listener told after every epoch; an AUTO job's listener should not record a loss curve, which would mix
     *                 its candidates
     */
    MeasuredModel fit(TrainingJob job, String artifact, EpochListener listener) {
        long started = System.nanoTime();
        Series target = series.get(job.seriesId());
        List<Point> points = series.points(job.seriesId(), null, null);
        ModelSpec spec = job.spec();
        HoldoutSplit split = HoldoutSplit.of(SeriesWindows.runs(points, target, spec.gapPolicy()), spec.horizon(),
                spec.lookback());
        // the holdout cuts the last run's end, never a start: the runs' first timestamps hold for the split too
        // the covariate series' values over the whole series: the holdout's are the horizon's, as in service
        CovariateValues covariateValues = covariates.values(job.seriesId(), spec, points.get(0).timestamp(),
                points.get(points.size() - 1).timestamp());
        Timeline timeline = new Timeline(target.frequency(), SeriesWindows.runStarts(points, target,
                spec.gapPolicy()), covariateValues);
        Instant lastRunStart = timeline.firsts().get(timeline.firsts().size() - 1);
        History history = History.of(split.history(), timeline.last(lastRunStart, split.history().length),
                target.frequency()).with(covariateValues);
        TrainingOutcome outcome;
        String search = null;
        StatisticalSpec fallback = null;
        StatisticalSpec served = null;
        if (job.autoBudgetSeconds() != null) {
            AutoSearch.Result result = autoSearch.search(split, target.seasonalPeriod(), target.weeklySeason(),
                    target.nonNegative(), job.autoBudgetSeconds(), spec, listener, store.resolve(artifact));
            spec = result.winner();
            if (result.served() == null) {
                jobs.updateSpec(job.id(), spec);
            }
            outcome = result.outcome();
            search = result.summary();
            fallback = result.fallback();
            served = result.served();
            metrics.candidatesTried(result.tried());
        } else if (job.parentModelId() == null) {
            outcome = trainer.train(split.trainingRuns(), timeline, spec, target.seasonalPeriod(), listener,
                    store.resolve(artifact));
        } else if (spec instanceof NetworkSpec network) {
            Path parent = artifacts.temporaryCopy(registry.version(job.parentModelId()));
            try {
                outcome = trainer.continueTraining(parent, split.trainingRuns(), timeline, network, listener,
                        store.resolve(artifact));
            } finally {
                // a copy left behind in the temporary directory is never read again
                parent.toFile().delete();
            }
        } else {
            throw new IllegalStateException("only a network continues from a parent model, not "
                    + spec.architectureName());
        }
        metrics.fitted(job, outcome);
        HoldoutEvaluation evaluation = CovariateEffects.of(HoldoutEvaluation.of(split.history(), split.holdout(),
                outcome.predictor().forecast(history, spec.horizon()), target.seasonalPeriod()), spec,
                outcome.predictor(), history, split.holdout());
        if (served != null) {
            // measured as chosen without the holdout, served as chosen with it: see HiddenSeason
            spec = served;
            jobs.updateSpec(job.id(), spec);
            outcome = trainer.train(split.trainingRuns(), timeline, spec, target.seasonalPeriod(), listener,
                    store.resolve(artifact));
        }
        // an AUTO job's budget covers its calibration: the newest origins first, as many as the budget leaves
        long budgetNanos = job.autoBudgetSeconds() == null ? 0 : (long) (job.autoBudgetSeconds() * CALIBRATED_BY * 1e9);
        ConformalCalibration calibration = IntervalCalibration.of(split.lastRun(), split.history().length, spec,
                outcome, () -> budgetNanos > 0 && System.nanoTime() - started > budgetNanos,
                History.of(split.lastRun(), timeline.last(lastRunStart, split.lastRun().length), target.frequency())
                        .with(covariateValues));
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
                ModelVersion.Guard.of(fallback, split.trainingRuns()), store.artifact(artifact), now);
        return new MeasuredModel(model, split, search);
    }
}
