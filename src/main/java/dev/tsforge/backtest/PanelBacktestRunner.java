package dev.tsforge.backtest;

import dev.tsforge.evaluation.Accuracy;
import dev.tsforge.model.EpochListener;
import dev.tsforge.model.History;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.ModelTrainer;
import dev.tsforge.model.TrainingOutcome;
import dev.tsforge.registry.ModelStore;
import dev.tsforge.series.CollectionService;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesService;
import dev.tsforge.training.AutoForecaster;
import dev.tsforge.training.JobKind;
import dev.tsforge.training.JobWork;
import dev.tsforge.training.LabelSelection;
import dev.tsforge.training.TrainingJob;
import dev.tsforge.training.TrainingQueue;
import dev.tsforge.web.ApiProblemException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Runs a panel backtest job. At each origin (the same distance from every member's end) it fits one network on every
 * member's history before the origin and, if asked, the same spec on each member's history alone; the statistical
 * references refit on the same histories; each member's next {@code horizon} values are forecast and scored against
 * the actual ones with sMAPE and MASE; where asked, AUTO searches each member's history alone and its winner
 * forecasts too. Members are read as their most recent gap-free run under the spec's gap
 * policy (what a served forecast reads). Nothing is registered; each network is deleted once it has forecast. A
 * member on which a fit or a forecast fails is listed and left out; a cancel, a shutdown or the time limit ends the
 * job.
 */
@Component
class PanelBacktestRunner implements JobWork {

    private final PanelBacktestRepository backtests;
    private final CollectionService collections;
    private final SeriesService series;
    private final ModelTrainer trainer;
    private final ModelStore store;
    private final TrainingQueue queue;
    private final AutoForecaster auto;

    PanelBacktestRunner(PanelBacktestRepository backtests, CollectionService collections, SeriesService series,
            ModelTrainer trainer, ModelStore store, TrainingQueue queue, AutoForecaster auto) {
        this.backtests = backtests;
        this.collections = collections;
        this.series = series;
        this.trainer = trainer;
        this.store = store;
        this.queue = queue;
        this.auto = auto;
    }

    @Override
    public JobKind kind() {
        return JobKind.PANEL_BACKTEST;
    }

    /** A member's recent run: the values every fold cuts at its origin. */
    private record Member(Series series, double[] values) {
    }

    @Override
    public Result run(TrainingJob job, EpochListener listener) {
        PanelBacktestSettings settings = backtests.stored(job.id()).settings();
        String name = collections.name(job.collectionId());
        if (name == null) {
            throw new IllegalStateException("the collection of this backtest was deleted");
        }
        List<String> labels = LabelSelection.parse(job.labelSelection());
        ModelSpec spec = job.spec();
        int h = settings.horizon();
        int required = settings.requiredPoints(spec.minimumPoints());
        List<Member> members = new ArrayList<>();
        List<PanelBacktest.Excluded> skipped = new ArrayList<>();
        for (Series candidate : collections.members(collections.filter(name, labels))) {
            try {
                double[] values = series.recent(candidate, spec.gapPolicy()).values();
                if (values.length < required) {
                    skipped.add(new PanelBacktest.Excluded(candidate.id(), candidate.uniqueId(), "too short: "
                            + settings.folds() + " folds of " + h + " steps after a training history need "
                            + required + " consecutive recent points, it has " + values.length));
                } else {
                    members.add(new Member(candidate, values));
                }
            } catch (ApiProblemException | IllegalArgumentException unusable) {
                skipped.add(new PanelBacktest.Excluded(candidate.id(), candidate.uniqueId(), unusable.getMessage()));
            }
        }
        if (members.isEmpty()) {
            throw new IllegalStateException("No member of collection " + name + " has the " + required
                    + " consecutive recent points the folds need" + (skipped.isEmpty() ? ""
                    : "; " + skipped.get(0).uniqueId() + ": " + skipped.get(0).reason()));
        }
        int period = members.get(0).series().seasonalPeriod();
        PanelScoring scoring = new PanelScoring(settings.methods(), settings.folds());
        int total = settings.fits(members.size());
        int done = 0;
        backtests.recordFits(job.id(), done, total);
        String base = store.globalArtifactName(job.collectionId(), job.id()).replaceFirst("\\.zip$", "");
        for (int fold = 0; fold < settings.folds(); fold++) {
            int fromEnd = (settings.folds() - fold) * h;
            List<double[]> histories = members.stream()
                    .map(m -> Arrays.copyOf(m.values(), m.values().length - fromEnd)).toList();
            double[][] global = fitAndForecast(histories, spec, period, listener, base + "-fold" + fold + ".zip", h);
            backtests.recordFits(job.id(), ++done, total);
            for (int i = 0; i < members.size(); i++) {
                Member member = members.get(i);
                double[] history = histories.get(i);
                double[] actual = Arrays.copyOfRange(member.values(), history.length, history.length + h);
                int at = i;
                score(scoring, member, fold, PanelMethod.GLOBAL, history, actual, () -> global[at]);
                for (PanelMethod reference : settings.methods()) {
                    if (reference != PanelMethod.GLOBAL && reference != PanelMethod.LOCAL
                            && reference != PanelMethod.AUTO) {
                        score(scoring, member, fold, reference, history, actual,
                                () -> ReferenceForecasts.forecast(reference, history, h, member.series()
                                        .seasonalPeriod()));
                    }
                }
                if (settings.localNetworks()) {
                    queue.stopIfCancelled(job.id());
                    if (!scoring.failed(member.series().id())) {
                        String artifact = base + "-fold" + fold + "-series" + member.series().id() + ".zip";
                        score(scoring, member, fold, PanelMethod.LOCAL, history, actual, () -> fitAndForecast(
                                List.of(history), spec, member.series().seasonalPeriod(), listener, artifact, h)[0]);
                    }
                    backtests.recordFits(job.id(), ++done, total);
                }
                if (settings.auto()) {
                    queue.stopIfCancelled(job.id());
                    String artifact = base + "-fold" + fold + "-auto" + member.series().id() + ".zip";
                    score(scoring, member, fold, PanelMethod.AUTO, history, actual, () -> auto.forecast(history,
                            member.series().seasonalPeriod(), member.series().nonNegative(), h, spec.seed(),
                            settings.autoBudgetSeconds(), listener, store.resolve(artifact)).values());
                    backtests.recordFits(job.id(), ++done, total);
                }
            }
        }
        PanelBacktest result = scoring.result(name, labels, h, period, skipped);
        return () -> backtests.recordResult(job.id(), result);
    }

    /** A network fitted on {@code histories} and its forecast for each; the network is deleted afterwards. */
    private double[][] fitAndForecast(List<double[]> histories, ModelSpec spec, int period, EpochListener listener,
            String artifact, int h) {
        try {
            TrainingOutcome outcome = trainer.train(histories, spec, period, listener, store.resolve(artifact));
            return outcome.predictor().forecastAll(histories.stream().map(History::of).toList(), h);
        } finally {
            store.delete(artifact);
        }
    }

    /** A forecast, or why there is none: a failure is the member's, unless it ends the whole job. */
    @FunctionalInterface
    private interface Forecast {
        double[] make();
    }

    private static void score(PanelScoring scoring, Member member, int fold, PanelMethod method, double[] history,
            double[] actual, Forecast forecast) {
        long id = member.series().id();
        String uniqueId = member.series().uniqueId();
        try {
            double[] values = forecast.make();
            for (double value : values) {
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException("the forecast is not finite");
                }
            }
            int period = member.series().seasonalPeriod() < history.length ? member.series().seasonalPeriod() : 1;
            scoring.add(id, uniqueId, method, Accuracy.of(actual, values, Accuracy.maseScale(history, period)));
        } catch (RuntimeException e) {
            if (JobWork.endsTheJob(e)) {
                throw e;
            }
            scoring.fail(id, uniqueId, method, fold, e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage());
        }
    }
}
