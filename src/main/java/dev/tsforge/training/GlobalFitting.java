package dev.tsforge.training;

import dev.tsforge.evaluation.Accuracy;
import dev.tsforge.evaluation.Baselines;
import dev.tsforge.evaluation.ConformalCalibration;
import dev.tsforge.evaluation.HoldoutEvaluation;
import dev.tsforge.evaluation.HoldoutSplit;
import dev.tsforge.evaluation.NotEnoughHistoryException;
import dev.tsforge.evaluation.PanelEvaluation;
import dev.tsforge.model.CovariateValues;
import dev.tsforge.model.EpochListener;
import dev.tsforge.model.History;
import dev.tsforge.model.MissingCovariatesException;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.ModelTrainer;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.Timeline;
import dev.tsforge.model.TrainingOutcome;
import dev.tsforge.registry.ModelRegistry.MemberScore;
import dev.tsforge.registry.ModelStore;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.registry.Provenance;
import dev.tsforge.series.CollectionService;
import dev.tsforge.series.Point;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesCollection;
import dev.tsforge.series.SeriesService;
import dev.tsforge.series.Frequency;
import dev.tsforge.series.SeriesWindows;
import dev.tsforge.web.ApiProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Fits one network across the members of a collection and measures it on every member's own holdout, as a model of
 * that member alone would be measured: the last {@code horizon} points of each member are held out, the windows of
 * all members' training parts are fitted together, and each member is forecast from the values right before its
 * holdout, beside naive, seasonal naive and Naive2. Each member reads its own covariate series and labels where the
 * spec names them ({@link GlobalCovariates}). Registers nothing and opens no transaction.
 */
@Component
class GlobalFitting {

    private final CollectionService collections;
    private final SeriesService series;
    private final ModelTrainer trainer;
    private final ChampionScoring champions;
    private final ModelStore store;
    private final GlobalCovariates covariates;
    private final Clock clock;

    GlobalFitting(CollectionService collections, SeriesService series, ModelTrainer trainer,
            ChampionScoring champions, ModelStore store, GlobalCovariates covariates, Clock clock) {
        this.covariates = covariates;
        this.collections = collections;
        this.series = series;
        this.trainer = trainer;
        this.champions = champions;
        this.store = store;
        this.clock = clock;
    }

    /**
     * A fitted global model, not yet registered, with every member's score and its champion's.
     *
     * @param skipped members left out, each with why (too short, a gap in the holdout); empty when none was
     */
    record Measured(ModelVersion model, List<MemberScore> members, List<String> skipped) {
    }

    /**
     * A member's data, split as its holdout needs.
     *
     * @param covariates its covariate series' values over its points and its labels, when the spec reads them
     */
    private record Member(Series series, HoldoutSplit split, List<Point> points, List<Instant> runStarts,
            CovariateValues covariates) {

        /** The history the member's holdout is forecast from. */
        History history(int horizon) {
            return History.of(split.history(), historyLast(horizon), series.frequency()).with(covariates);
        }

        /** The timestamp of the history's last value: the holdout is the member's last {@code horizon} steps. */
        Instant historyLast(int horizon) {
            return series.frequency().plus(points.get(points.size() - 1).timestamp(), -horizon);
        }
    }

    Measured fit(TrainingJob job, String artifact, EpochListener listener) {
        String name = collections.name(job.collectionId());
        if (name == null) {
            throw new IllegalStateException("the collection of this job was deleted");
        }
        SeriesCollection collection = collections.get(name);
        ModelSpec spec = job.spec();
        NetworkSpec inputs = spec instanceof NetworkSpec network && (!network.covariates().series().isEmpty()
                || !network.covariates().labels().isEmpty()) ? network : null;
        List<Member> members = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> labels = LabelSelection.parse(job.labelSelection());
        List<Series> selected = collections.members(collections.filter(name, labels));
        Map<Long, Map<String, String>> memberLabels = inputs == null ? Map.of() : covariates.labels(selected);
        for (Series member : selected) {
            List<Point> points = series.points(member.id(), null, null);
            try {
                HoldoutSplit split = HoldoutSplit.of(SeriesWindows.runs(points, member, spec.gapPolicy()),
                        spec.horizon(), spec.lookback());
                CovariateValues values = inputs == null ? CovariateValues.NONE : covariates.of(member, inputs,
                        points, memberLabels.getOrDefault(member.id(), Map.of()));
                members.add(new Member(member, split, points, SeriesWindows.runStarts(points, member,
                        spec.gapPolicy()), values));
            } catch (NotEnoughHistoryException | ApiProblemException | IllegalArgumentException
                    | MissingCovariatesException unusable) {
                skipped.add(member.uniqueId() + ": " + unusable.getMessage());
            }
        }
        if (members.isEmpty()) {
            throw new IllegalStateException("No member of collection " + name + " has a holdout of " + spec.horizon()
                    + " points and a " + spec.lookback() + "-point window before it" + (inputs == null ? ""
                    : ", and the values of its covariates at every point") + (skipped.isEmpty() ? ""
                    : "; " + skipped.get(0)));
        }
        List<double[]> segments = new ArrayList<>();
        List<Instant> starts = new ArrayList<>();
        members.forEach(member -> segments.addAll(member.split().trainingRuns()));
        // the holdout cuts each member's last run at its end: the runs' first timestamps hold for the split
        members.forEach(member -> starts.addAll(member.runStarts()));
        Frequency grid = collection.frequency();
        int period = members.get(0).series().seasonalPeriod();
        Timeline timeline = new Timeline(grid, starts);
        if (inputs != null) {
            spec = GlobalCovariates.withVocabulary(inputs, members.stream()
                    .map(m -> memberLabels.getOrDefault(m.series().id(), Map.of())).toList());
            List<CovariateValues> bySegment = new ArrayList<>(segments.size());
            members.forEach(m -> m.split().trainingRuns().forEach(run -> bySegment.add(m.covariates())));
            timeline = Timeline.ofMembers(grid, starts, bySegment);
        }
        TrainingOutcome outcome = trainer.train(segments, timeline, spec, period, listener, store.resolve(artifact));

        int horizon = spec.horizon();
        double[][] forecasts = outcome.predictor().forecastAll(members.stream().map(m -> m.history(horizon))
                .toList(), horizon);
        List<MemberScore> scores = new ArrayList<>();
        List<PanelEvaluation.Member> measured = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            HoldoutSplit split = member.split();
            // one more forecast per covariate series and member: what each did for that member (permutation)
            HoldoutEvaluation evaluation = CovariateEffects.of(HoldoutEvaluation.of(split.history(), split.holdout(),
                    forecasts[i], member.series().seasonalPeriod()), spec, outcome.predictor(),
                    member.history(horizon), split.holdout());
            measured.add(new PanelEvaluation.Member(evaluation, naive2(split, evaluation.seasonalPeriod())));
            scores.add(new MemberScore(member.series().id(), evaluation, champions.score(member.series().id(),
                    spec.horizon(), evaluation.seasonalPeriod(), split, member.historyLast(spec.horizon()))));
        }
        PanelEvaluation panel = PanelEvaluation.of(measured);
        ConformalCalibration calibration = calibration(members, forecasts, spec);
        return new Measured(model(job, collection, spec, members, outcome, panel, calibration, artifact), scores,
                skipped);
    }

    /**
     * Conformal calibration from every member's holdout, which the fit never saw: one origin per member, its errors
     * normalised by the scale of the member's own input window, so that members of different sizes share one
     * calibration, as they share one network; a member is forecast with them multiplied by its input's scale.
     */
    private static ConformalCalibration calibration(List<Member> members, double[][] forecasts, ModelSpec spec) {
        List<double[]> actual = new ArrayList<>(members.size());
        List<double[]> inputs = new ArrayList<>(members.size());
        for (Member member : members) {
            actual.add(member.split().holdout());
            double[] history = member.split().history();
            inputs.add(Arrays.copyOfRange(history, Math.max(0, history.length - spec.lookback()), history.length));
        }
        return ConformalCalibration.normalised(actual, Arrays.asList(forecasts), inputs, Math.max(2, spec.lookback()));
    }

    private ModelVersion model(TrainingJob job, SeriesCollection collection, ModelSpec spec, List<Member> members,
            TrainingOutcome outcome, PanelEvaluation panel, ConformalCalibration calibration, String artifact) {
        Instant from = null;
        Instant to = null;
        int points = 0;
        for (Member member : members) {
            List<Point> all = member.points();
            Instant dataTo = member.series().frequency().plus(all.get(all.size() - 1).timestamp(), -spec.horizon());
            from = from == null || all.get(0).timestamp().isBefore(from) ? all.get(0).timestamp() : from;
            to = to == null || dataTo.isAfter(to) ? dataTo : to;
            points += (int) all.stream().filter(p -> !p.timestamp().isAfter(dataTo)).count();
        }
        ModelVersion.Lineage lineage = new ModelVersion.Lineage(job.id(), null);
        ModelVersion.TrainingData data = new ModelVersion.TrainingData(from, to, points, outcome.windows());
        ModelVersion.TrainingRun run = new ModelVersion.TrainingRun(outcome.epochsRun(), outcome.trainingLoss(),
                outcome.validationLoss(), outcome.stopReason(), outcome.trainingMillis(), outcome.engine());
        Instant now = clock.instant();
        // the provenance names the collection where a series' model names its series (id 0: no single series)
        Provenance.SeriesRef subject = new Provenance.SeriesRef(0, collection.name(),
                collection.frequency().toString(), members.get(0).series().seasonalPeriod());
        store.writeProvenance(artifact, new Provenance(subject, lineage, spec, data, spec.horizon(), run, null, null,
                false, now));
        // no training range: a forecast is held to the range of the member it forecasts, not of all members (see
        // ForecastGuard)
        return new ModelVersion(0, 0, lineage, spec, data, run, null, calibration, ModelVersion.Guard.NONE,
                store.artifact(artifact), now, new ModelVersion.Panel(collection.id(), job.labelSelection(), panel));
    }

    /** Naive2 on the member's holdout, the yardstick of OWA; null where it cannot be made (a gap, too short). */
    private static Accuracy naive2(HoldoutSplit split, int period) {
        try {
            double[] forecast = Baselines.naive2(split.history(), split.holdout().length, period);
            return Accuracy.of(split.holdout(), forecast, Accuracy.maseScale(split.history(), period));
        } catch (IllegalArgumentException | ArithmeticException unmeasurable) {
            return null;
        }
    }
}
