package dev.tsforge.backtest;

import dev.tsforge.evaluation.Accuracy;
import dev.tsforge.model.CovariateValues;
import dev.tsforge.model.EpochListener;
import dev.tsforge.model.History;
import dev.tsforge.model.MissingCovariatesException;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.ModelTrainer;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.Timeline;
import dev.tsforge.model.TrainingOutcome;
import dev.tsforge.registry.ModelStore;
import dev.tsforge.series.CollectionService;
import dev.tsforge.series.Frequency;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesService;
import dev.tsforge.series.SeriesWindows;
import dev.tsforge.training.AutoForecaster;
import dev.tsforge.training.GlobalCovariates;
import dev.tsforge.training.JobKind;
import dev.tsforge.training.JobWork;
import dev.tsforge.training.LabelSelection;
import dev.tsforge.training.TrainingJob;
import dev.tsforge.training.TrainingQueue;
import dev.tsforge.web.ApiProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.springframework.stereotype.Component;

/**
 * Runs a panel backtest job. At each origin (the same distance from every member's end) it fits one network on every
 * member's history before the origin and, if asked, the same spec on each member's history alone; the statistical
 * references refit on the same histories; each member's next {@code horizon} values are forecast and scored against
 * the actual ones with sMAPE and MASE; where asked, AUTO searches each member's history alone and its winner
 * forecasts too. Members are read as their most recent gap-free run under the spec's gap
 * policy (what a served forecast reads). Where the spec reads calendar, holiday or covariate series inputs or labels,
 * the networks read them as a training of the collection does (each member its own covariate series of a name, else
 * the collection's), the stored actual values after each origin included: perfect future knowledge, as a single
 * series' backtest; a member without them at one of its points is skipped with the reason. Nothing is registered;
 * each network is deleted once it has forecast. A member on which a fit or a forecast fails is listed and left out; a
 * cancel, a shutdown or the time limit ends the job.
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
    private final GlobalCovariates covariates;

    PanelBacktestRunner(PanelBacktestRepository backtests, CollectionService collections, SeriesService series,
            ModelTrainer trainer, ModelStore store, TrainingQueue queue, AutoForecaster auto,
            GlobalCovariates covariates) {
        this.covariates = covariates;
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

    /**
     * A member's recent run: the values every fold cuts at its origin.
     *
     * @param first      the time of the run's first value
     * @param covariates its covariate series' stored values over the run and a pass beyond, and its labels, where the
     *                   spec reads them
     */
    private record Member(Series series, double[] values, Instant first, CovariateValues covariates) {

        /** The run's first {@code length} values as a forecast reads them: timed, with the covariates. */
        History history(int length) {
            Frequency grid = series.frequency();
            return History.of(Arrays.copyOf(values, length), grid.plus(first, length - 1L), grid).with(covariates);
        }
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
        List<Series> selected = collections.members(collections.filter(name, labels));
        NetworkSpec inputs = spec instanceof NetworkSpec network && !network.covariates().isEmpty() ? network : null;
        Map<Long, Map<String, String>> memberLabels = inputs == null || inputs.covariates().labels().isEmpty()
                ? Map.of() : covariates.labels(selected);
        for (Series candidate : selected) {
            try {
                SeriesWindows.Recent recent = series.recent(candidate, spec.gapPolicy());
                double[] values = recent.values();
                Frequency grid = candidate.frequency();
                Instant first = grid.plus(recent.last(), -(values.length - 1L));
                if (values.length < required) {
                    skipped.add(new PanelBacktest.Excluded(candidate.id(), candidate.uniqueId(), "too short: "
                            + settings.folds() + " folds of " + h + " steps after a training history need "
                            + required + " consecutive recent points, it has " + values.length));
                } else {
                    // perfect future knowledge: the stored actual values, the horizon's and a DIRECT pass's included
                    CovariateValues read = inputs == null ? CovariateValues.NONE : covariates.of(candidate, inputs,
                            LongStream.range(0, values.length).mapToObj(t -> grid.plus(first, t)).toList(),
                            grid.plus(recent.last(), spec.outputSteps()),
                            memberLabels.getOrDefault(candidate.id(), Map.of()));
                    members.add(new Member(candidate, values, first, read));
                }
            } catch (ApiProblemException | IllegalArgumentException | MissingCovariatesException unusable) {
                skipped.add(new PanelBacktest.Excluded(candidate.id(), candidate.uniqueId(), unusable.getMessage()));
            }
        }
        if (members.isEmpty()) {
            throw new IllegalStateException("No member of collection " + name + " has the " + required
                    + " consecutive recent points the folds need" + (skipped.isEmpty() ? ""
                    : "; " + skipped.get(0).uniqueId() + ": " + skipped.get(0).reason()));
        }
        int period = members.get(0).series().seasonalPeriod();
        Frequency grid = members.get(0).series().frequency();
        // the global network's label inputs are the values its members carry; a member alone has one, so no label
        ModelSpec global = inputs == null ? spec : GlobalCovariates.withVocabulary(inputs, members.stream()
                .map(m -> memberLabels.getOrDefault(m.series().id(), Map.of())).toList());
        ModelSpec local = inputs == null ? spec : inputs.withCovariates(inputs.covariates().withLabels(List.of()));
        List<Instant> firsts = members.stream().map(Member::first).toList();
        Timeline together = Timeline.ofMembers(grid, firsts, members.stream().map(Member::covariates).toList());
        PanelScoring scoring = new PanelScoring(settings.methods(), settings.folds());
        int total = settings.fits(members.size());
        int done = 0;
        backtests.recordFits(job.id(), done, total);
        String base = store.globalArtifactName(job.collectionId(), job.id()).replaceFirst("\\.zip$", "");
        for (int fold = 0; fold < settings.folds(); fold++) {
            int fromEnd = (settings.folds() - fold) * h;
            List<History> inputsAtOrigin = members.stream().map(m -> m.history(m.values().length - fromEnd)).toList();
            List<double[]> histories = inputsAtOrigin.stream().map(History::values).toList();
            double[][] forecasts = fitAndForecast(histories, together, inputsAtOrigin, global, period, listener,
                    base + "-fold" + fold + ".zip", h);
            backtests.recordFits(job.id(), ++done, total);
            for (int i = 0; i < members.size(); i++) {
                Member member = members.get(i);
                double[] history = histories.get(i);
                double[] actual = Arrays.copyOfRange(member.values(), history.length, history.length + h);
                int at = i;
                score(scoring, member, fold, PanelMethod.GLOBAL, history, actual, () -> forecasts[at]);
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
                                List.of(history), Timeline.ofMembers(grid, List.of(member.first()),
                                        List.of(member.covariates())), List.of(inputsAtOrigin.get(at)), local,
                                member.series().seasonalPeriod(), listener, artifact, h)[0]);
                    }
                    backtests.recordFits(job.id(), ++done, total);
                }
                if (settings.auto()) {
                    queue.stopIfCancelled(job.id());
                    String artifact = base + "-fold" + fold + "-auto" + member.series().id() + ".zip";
                    score(scoring, member, fold, PanelMethod.AUTO, history, actual, () -> auto.forecast(history,
                            member.series().seasonalPeriod(), member.series().weeklySeason(),
                            member.series().nonNegative(), h, spec.seed(),
                            settings.autoBudgetSeconds(), listener, store.resolve(artifact)).values());
                    backtests.recordFits(job.id(), ++done, total);
                }
            }
        }
        PanelBacktest result = scoring.result(name, labels, h, period, skipped);
        return () -> backtests.recordResult(job.id(), result);
    }

    /**
     * A network fitted on {@code histories} (starting when {@code timeline} says, with its covariates) and its
     * forecast from each of {@code inputs}; the network is deleted afterwards.
     */
    private double[][] fitAndForecast(List<double[]> histories, Timeline timeline, List<History> inputs,
            ModelSpec spec, int period, EpochListener listener, String artifact, int h) {
        try {
            TrainingOutcome outcome = trainer.train(histories, timeline, spec, period, listener,
                    store.resolve(artifact));
            return outcome.predictor().forecastAll(inputs, h);
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
