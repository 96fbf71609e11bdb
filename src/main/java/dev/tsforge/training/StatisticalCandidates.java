package dev.tsforge.training;

import dev.tsforge.model.History;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.ModelTrainer;
import dev.tsforge.model.Predictor;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.model.StatisticalSpec.Method;
import dev.tsforge.model.WindowSpec;
import dev.tsforge.statistics.Arima;
import dev.tsforge.statistics.Ets;
import dev.tsforge.statistics.Gaps;
import dev.tsforge.statistics.StlArima;
import dev.tsforge.statistics.StlEts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * AUTO's statistical candidates: which methods it offers and on how many values, their scores on the validation
 * origins and the combinations made of them ({@link FinalChoices} chooses their forms and orders again for the
 * final fit).
 */
final class StatisticalCandidates {

    /** The API's largest lookback. */
    static final int STATISTICAL_MAX_LOOKBACK = StatisticalSpec.MAX_LOOKBACK;
    /** The standing combination's members, in the order its name lists them. */
    static final List<Method> STANDING = List.of(Method.ETS, Method.ARIMA, Method.THETA);
    /**
     * Its members where a season is longer than exponential smoothing and ARIMA take: both on values adjusted by STL,
     * so that two of the three members see the season (with ARIMA on the raw values, the median followed the two that
     * did not: bench/RESULTS.md, "Weeks in a year").
     */
    static final List<Method> STANDING_LONG_SEASON = List.of(Method.STL_ETS, Method.STL_ARIMA, Method.THETA);
    /** Members of the larger combination: the median of the best three. */
    static final int COMBINED = 3;

    private StatisticalCandidates() {
    }

    /**
     * The values a statistical candidate reads: five seasons and at least 60 values, as many as the series' most
     * recent run holds; enough for a seasonal test and an exponential smoothing fit, short enough that a trend line
     * stays local. Reading the whole run (up to 1000 values, as R's forecast package fits whole series) was measured
     * for every method and not kept: it helped ARIMA alone, hurt ETS alone, left AUTO's accuracy where it was and
     * made the search, calibration and every forecast slower (bench/RESULTS.md, run 6). ARIMA alone reads the whole
     * run: see {@link #arimaLookback}. Where a week is a season too ({@code weekly}), at least a week (see
     * StatisticalSpec).
     */
    static int lookback(int seasonalPeriod, boolean weekly, int lastRunPoints) {
        return StatisticalSpec.recentLookback(seasonalPeriod, weekly, lastRunPoints);
    }

    /**
     * The values ARIMA reads: the whole most recent run, up to 1000 values. Its differencing tests and order search
     * need long samples; in the standing median with ETS and Theta on the recent window it forecast the public series
     * better than the all-windowed median (bench/RESULTS.md, "ARIMA on the whole run").
     */
    static int arimaLookback(int lastRunPoints) {
        return Math.min(STATISTICAL_MAX_LOOKBACK, lastRunPoints);
    }

    /**
     * Naive, seasonal naive, the value a week before where a week is a season too ({@code weekly}) and the values
     * before the first origin hold a week, exponential smoothing (its form chosen by AICc at each origin), where the
     * season is longer than exponential smoothing takes ({@link #longSeasonShown}), exponential smoothing and ARIMA on
     * values seasonally adjusted by STL (ARIMA's order chosen before the first origin), where a week is a season too
     * and the values before the first origin hold more than two weeks, the same adjusted by MSTL for the day and the
     * week (on three weeks, whatever {@code lookback}), ARIMA (its order chosen before the first origin on up to
     * {@code arimaLookback} values, the search being slower) and Theta.
     *
     * @param lastRunPoints the values of the series' last gap-free run, holdout included: what a served model can read
     */
    static List<Candidate> scored(ValidationScoring scoring, int lookback, int arimaLookback, boolean weekly,
            int lastRunPoints, ModelSpec template, Duration arimaLimit) {
        List<StatisticalSpec> specs = new ArrayList<>();
        specs.add(StatisticalSpec.of(Method.NAIVE, lookback, template.horizon(), template.gapPolicy(),
                template.seed()));
        double[] beforeFirst = scoring.beforeFirstOrigin(lookback);
        if (scoring.seasonal()) {
            specs.add(StatisticalSpec.of(Method.SEASONAL_NAIVE, lookback, template.horizon(), template.gapPolicy(),
                    template.seed()));
            if (weekly && beforeFirst.length >= StatisticalSpec.week(scoring.seasonalPeriod())) {
                specs.add(StatisticalSpec.of(Method.WEEKLY_NAIVE, lookback, template.horizon(), template.gapPolicy(),
                        template.seed()));
            }
        }
        WindowSpec window = new WindowSpec(lookback, template.horizon(), OutputStrategy.DIRECT, template.gapPolicy(),
                template.seed());
        String form = etsForm(beforeFirst, scoring.period(beforeFirst));
        if (form != null) {
            specs.add(new StatisticalSpec(List.of(Method.ETS), form, null, window));
        }
        if (longSeasonShown(scoring, beforeFirst, lookback)) {
            specs.add(StatisticalSpec.of(Method.STL_ETS, lookback, template.horizon(), template.gapPolicy(),
                    template.seed()));
            specs.add(new StatisticalSpec(List.of(Method.STL_ARIMA), null,
                    stlArimaOrder(beforeFirst, scoring.seasonalPeriod(), arimaLimit), window));
        }
        if (weekly && scoring.seasonal() && StatisticalSpec.readsWeeks(scoring.seasonalPeriod())) {
            // at most the last gap-free run, as every candidate: a served model reads no gap
            int weeksLookback = StatisticalSpec.weeksLookback(scoring.seasonalPeriod(), lastRunPoints);
            if (StlEts.decomposes(scoring.beforeFirstOrigin(weeksLookback).length,
                    StatisticalSpec.week(scoring.seasonalPeriod()))) {
                specs.add(StatisticalSpec.of(Method.MSTL_ETS, weeksLookback, template.horizon(), template.gapPolicy(),
                        template.seed()));
            }
        }
        double[] arimaBeforeFirst = scoring.beforeFirstOrigin(arimaLookback);
        String order = arimaOrder(arimaBeforeFirst, scoring.period(arimaBeforeFirst), arimaLimit);
        if (order != null) {
            specs.add(new StatisticalSpec(List.of(Method.ARIMA), null, order, window).withArimaLookback(
                    arimaLookback));
        }
        specs.add(StatisticalSpec.of(Method.THETA, lookback, template.horizon(), template.gapPolicy(),
                template.seed()));
        List<Candidate> candidates = new ArrayList<>();
        for (StatisticalSpec spec : specs) {
            long started = System.nanoTime();
            Predictor predictor = spec.etsForm() == null ? ModelTrainer.statistical(spec, scoring.seasonalPeriod())
                    : new EtsChosenAtEachOrigin(lookback, scoring.seasonalPeriod());
            candidates.add(scoring.score(spec, predictor, null, System.nanoTime() - started));
        }
        return candidates;
    }

    /**
     * Whether a season longer than exponential smoothing and ARIMA take here is one the STL methods can be validated
     * on: the values before the first origin hold more than two of its cycles, STL's least, and the training part's
     * run, which holds more of them, shows it ({@link StlEts#showsSeason}) in the {@code lookback} values a model
     * reads of it. Only where it does: STL estimates a season from noise too.
     */
    private static boolean longSeasonShown(ValidationScoring scoring, double[] beforeFirst, int lookback) {
        if (!scoring.seasonal() || scoring.seasonalPeriod() <= Ets.MAX_PERIOD
                || !StlEts.decomposes(beforeFirst.length, scoring.seasonalPeriod())) {
            return false;
        }
        double[] run = scoring.run();
        return StlEts.showsSeason(Gaps.lastFilled(run, run.length, lookback), scoring.seasonalPeriod());
    }

    /**
     * Exponential smoothing as AUTO offers it: its form chosen by AICc on the history before each origin, as the
     * final fit chooses it on the whole training part (a form chosen once before the first origin would be judged
     * on origins its choice never saw).
     */
    private record EtsChosenAtEachOrigin(int lookback, int seasonalPeriod) implements Predictor {

        @Override
        public int outputSteps() {
            return 1;
        }

        @Override
        public int minimumHistory() {
            return Ets.MIN_HISTORY;
        }

        @Override
        public double[] forecast(History history, int horizon) {
            double[] values = history.values();
            double[] window = Gaps.lastFilled(values, values.length, lookback);
            return Ets.select(window, seasonalPeriod < window.length ? seasonalPeriod : 1).forecast(horizon);
        }
    }

    /**
     * The median of the best three qualified statistical candidates and the mean of the best two, scored from their
     * members' forecasts (the members refit at each origin, so the combination needs no fit of its own).
     */
    static List<Candidate> combinations(List<Candidate> statistical, ValidationScoring scoring) {
        // a combination reads one lookback: MSTL's three weeks are not its members' one
        List<Candidate> ranked = statistical.stream().filter(Candidate::qualified)
                .filter(c -> single(c) != Method.MSTL_ETS)
                .sorted(Comparator.comparingDouble(Candidate::mase)).toList();
        // ARIMA and STL_ARIMA would need two orders: the better of the two joins, the other does not
        Method secondOrder = ranked.stream().map(StatisticalCandidates::single)
                .filter(m -> m == Method.ARIMA || m == Method.STL_ARIMA).skip(1).findFirst().orElse(null);
        ranked = ranked.stream().filter(c -> secondOrder == null || single(c) != secondOrder).toList();
        List<Candidate> combinations = new ArrayList<>();
        for (int members = 2; members <= Math.min(COMBINED, ranked.size()); members++) {
            combinations.add(combine(ranked.subList(0, members), scoring));
        }
        return combinations;
    }

    /**
     * The standing combination: the median of exponential smoothing, ARIMA and Theta, whatever their ranks — three
     * different model families, the combination the forecasting literature (M3, M4, Hyndman's) has found hard to
     * beat. The median takes all three when all three forecast every origin, even one that left the plausible range:
     * a median of three is robust to one wild member by construction, and its own forecasts are checked against the
     * range like any candidate's (as they are when it is served); disqualifying it for one member's divergence at one
     * origin would serve a weaker choice where it protects most. Otherwise it is the mean of the two that qualified,
     * which one wild member would drag along, so it takes only qualified ones; null when fewer than two did. Where
     * the season is longer than exponential smoothing takes, both on STL-adjusted values stand in for exponential
     * smoothing and ARIMA (R's advice where {@code ets} drops such a season), when they were candidates.
     */
    static Candidate standing(List<Candidate> statistical, ValidationScoring scoring) {
        List<Method> standing = statistical.stream().anyMatch(c -> single(c) == Method.STL_ETS)
                ? STANDING_LONG_SEASON : STANDING;
        List<Candidate> all = statistical.stream().filter(c -> single(c) != null && standing.contains(single(c)))
                .sorted(Comparator.comparing(c -> standing.indexOf(single(c)))).toList();
        List<Candidate> members = all.size() == standing.size()
                && all.stream().allMatch(StatisticalCandidates::forecastEveryOrigin) ? all
                : all.stream().filter(Candidate::qualified).toList();
        return members.size() < 2 ? null : combine(members, scoring);
    }

    /** The candidate's one method; null for a combination or a network. */
    private static Method single(Candidate candidate) {
        return candidate.spec() instanceof StatisticalSpec spec && spec.methods().size() == 1 ? spec.methods().get(0)
                : null;
    }

    /** Whether the candidate forecast from every origin, within the plausible range or not. */
    private static boolean forecastEveryOrigin(Candidate candidate) {
        return Double.isFinite(candidate.mase()) && Arrays.stream(candidate.forecasts()).allMatch(f -> f != null);
    }

    /** The combination of {@code members}, scored from their forecasts (they refit at each origin themselves). */
    private static Candidate combine(List<Candidate> members, ValidationScoring scoring) {
        List<StatisticalSpec> specs = members.stream().map(c -> (StatisticalSpec) c.spec()).toList();
        String form = specs.stream().map(StatisticalSpec::etsForm).filter(f -> f != null).findFirst().orElse(null);
        String order = specs.stream().map(StatisticalSpec::arimaOrder).filter(o -> o != null).findFirst().orElse(null);
        Integer arimaLookback = specs.stream().map(StatisticalSpec::arimaLookback).filter(l -> l != null).findFirst()
                .orElse(null);
        StatisticalSpec combined = new StatisticalSpec(specs.stream().map(s -> s.methods().get(0)).toList(), form,
                order, specs.get(0).window(), arimaLookback);
        double[][] forecasts = new double[scoring.origins().count()][];
        for (int o = 0; o < forecasts.length; o++) {
            int at = o;
            forecasts[o] = StatisticalSpec.combine(members.stream().map(c -> c.forecasts()[at]).toList(),
                    scoring.origins().horizon());
        }
        return scoring.score(combined, forecasts, null, 0);
    }

    /** The exponential smoothing form AICc chooses for these values, or null when none fits them. */
    static String etsForm(double[] values, int period) {
        try {
            return Ets.select(values, period).form().toString();
        } catch (IllegalArgumentException unfit) {
            return null;
        }
    }

    /**
     * The ARIMA order the search chooses for these values seasonally adjusted by STL (within the time limit), or null
     * when none fits them: STL_ARIMA then chooses one at each forecast.
     */
    static String stlArimaOrder(double[] values, int period, Duration limit) {
        try {
            return StlArima.order(values, period, limit).toString();
        } catch (IllegalArgumentException | IllegalStateException unfit) {
            return null;
        }
    }

    /**
     * The ARIMA order the stepwise search chooses for these values (the best it has visited when the time limit
     * passes), or null when none fits them.
     */
    static String arimaOrder(double[] values, int period, Duration limit) {
        try {
            return Arima.select(values, period, limit).order().toString();
        } catch (IllegalArgumentException | IllegalStateException unfit) {
            return null;
        }
    }
}
