package dev.tsforge.backtest;

import dev.tsforge.evaluation.Backtest;
import dev.tsforge.evaluation.BacktestScoring;
import dev.tsforge.forecasting.ForecastIntervals;
import dev.tsforge.model.EpochListener;
import dev.tsforge.covariate.CovariateService;
import dev.tsforge.model.CovariateValues;
import dev.tsforge.model.History;
import dev.tsforge.model.InsufficientDataException;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.ModelTrainer;
import dev.tsforge.model.Timeline;
import dev.tsforge.model.TrainingOutcome;
import dev.tsforge.registry.ModelStore;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesService;
import dev.tsforge.series.SeriesWindows;
import dev.tsforge.training.IntervalCalibration;
import dev.tsforge.training.JobKind;
import dev.tsforge.training.JobWork;
import dev.tsforge.training.TrainingJob;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Runs a backtest job: at each fold the service's training is replayed on the history before the origin only — the
 * spec fitted without the history's last {@code horizon} values, its intervals calibrated on them, as a training
 * job does — then it forecasts the fold as it would have been served, and is thrown away. Nothing is registered. The training queue's runner starts the
 * job and records how it ended; this does the folds in between.
 */
@Component
class BacktestJobRunner implements JobWork {

    private final BacktestJobRepository backtests;
    private final SeriesService series;
    private final ModelTrainer trainer;
    private final ModelStore store;
    private final CovariateService covariates;

    BacktestJobRunner(BacktestJobRepository backtests, SeriesService series, ModelTrainer trainer, ModelStore store,
            CovariateService covariates) {
        this.covariates = covariates;
        this.backtests = backtests;
        this.series = series;
        this.trainer = trainer;
        this.store = store;
    }

    @Override
    public JobKind kind() {
        return JobKind.BACKTEST;
    }

    /**
     * Runs every fold of a RUNNING backtest job; its result is written when the job is marked SUCCEEDED. A cancel
     * or shutdown arrives from {@code listener} as an exception at the end of an epoch; the fold's network is
     * deleted either way.
     */
    @Override
    public Result run(TrainingJob job, EpochListener listener) {
        BacktestSettings settings = backtests.stored(job.id()).settings();
        Series target = series.get(job.seriesId());
        ModelSpec spec = job.spec();
        SeriesWindows.Recent recent = series.recent(target, spec.gapPolicy());
        double[] values = recent.values();
        int h = settings.horizon();
        int firstOrigin = values.length - h - (settings.folds() - 1) * settings.step();
        // each fold holds out the spec's horizon from its history, as training does
        int needed = settings.requiredPoints(spec.minimumPoints());
        if (values.length < needed) {
            throw new InsufficientDataException(settings.folds() + " refitted folds need " + needed
                    + " consecutive points; the series' usable recent run has " + values.length);
        }
        BacktestScoring scoring = new BacktestScoring(settings.levels(), target.seasonalPeriod());
        // each fold trains on the stored covariate values before its origin and forecasts with their actual values
        CovariateValues covariateValues = covariates.valuesFor(target.id(), spec,
                target.frequency().plus(recent.last(), -(values.length - 1)),
                target.frequency().plus(recent.last(), spec.outputSteps()));
        for (int fold = 0; fold < settings.folds(); fold++) {
            int origin = firstOrigin + fold * settings.step();
            double[] history = Arrays.copyOf(values, origin);
            String name = store.artifactName(job.seriesId(), job.id()).replaceFirst("\\.zip$", "-fold" + fold + ".zip");
            Path artifact = store.resolve(name);
            try {
                double[] fitted = Arrays.copyOf(history, history.length - spec.horizon());
                Instant first = target.frequency().plus(recent.last(), -(values.length - 1));
                TrainingOutcome outcome = trainer.train(List.of(fitted), new Timeline(target.frequency(),
                        List.of(first), covariateValues), spec, target.seasonalPeriod(), listener, artifact);
                Instant originTime = target.frequency().plus(recent.last(), -(values.length - 1 - origin));
                History timed = History.of(history, target.frequency().plus(originTime, -1), target.frequency())
                        .with(covariateValues);
                double[] forecast = outcome.predictor().forecast(timed, h);
                scoring.add(originTime, false, history, Arrays.copyOfRange(values, origin, origin + h), forecast,
                        ForecastIntervals.of(IntervalCalibration.of(history, fitted.length, spec, outcome,
                                () -> false, timed), history,
                                target.seasonalPeriod(), h, settings.levels()).halfWidths());
            } finally {
                store.delete(name);
            }
            backtests.recordFolds(job.id(), fold + 1);
        }
        Backtest result = scoring.result(job.seriesId(), settings.modelId(), h, settings.step(), true);
        return () -> backtests.recordResult(job.id(), result);
    }
}
