package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.evaluation.ValidationOrigins;
import dev.tsforge.model.History;
import dev.tsforge.model.ModelTrainer;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.model.StatisticalSpec.Method;
import dev.tsforge.series.GapPolicy;
import dev.tsforge.statistics.Arima;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * AUTO's statistical candidates on a long run: ARIMA's order is chosen on the whole run before the first origin and
 * it refits on the whole run at each origin, in the standing combination too, while ETS, Theta and the naive methods
 * read the recent window; the standing median's members.
 */
class StatisticalCandidatesTests {

    private static final int RUN = 300;
    private static final int H = 6;

    /** A yearly random walk with drift: 300 values, no season. */
    private static double[] walk() {
        Random noise = new Random(5);
        double[] values = new double[RUN];
        for (int t = 1; t < RUN; t++) {
            values[t] = values[t - 1] + 0.3 + noise.nextGaussian();
        }
        return values;
    }

    @Test
    void arimaReadsTheWholeRunInValidationInTheStandingCombinationAndInTheFinalFit() {
        double[] run = walk();
        ValidationScoring scoring = scoring(run);
        ValidationOrigins origins = scoring.origins();
        int lookback = StatisticalCandidates.lookback(1, false, RUN);
        int arimaLookback = StatisticalCandidates.arimaLookback(RUN);
        assertThat(lookback).isEqualTo(60);
        assertThat(arimaLookback).isEqualTo(RUN);
        assertThat(StatisticalCandidates.arimaLookback(5000)).isEqualTo(StatisticalSpec.MAX_LOOKBACK);

        List<Candidate> scored = scored(scoring);
        Candidate arima = only(scored, Method.ARIMA);
        StatisticalSpec arimaSpec = (StatisticalSpec) arima.spec();
        assertThat(arimaSpec.lookback()).isEqualTo(lookback);
        assertThat(arimaSpec.arimaLookback()).isEqualTo(RUN);
        assertThat(arimaSpec.arimaOrder()).as("chosen on every value before the first origin")
                .isEqualTo(Arima.select(Arrays.copyOf(run, origins.fitLength()), 1, Duration.ofSeconds(30)).order()
                        .toString());
        for (int o = 0; o < origins.count(); o++) {
            double[] before = Arrays.copyOf(run, origins.origin(o));
            assertThat(arima.forecasts()[o]).as("refitted on the whole run before origin " + (o + 1))
                    .containsExactly(ModelTrainer.statistical(arimaSpec, 1).forecast(History.of(before), H));
        }
        for (Method other : List.of(Method.NAIVE, Method.ETS, Method.THETA)) {
            StatisticalSpec spec = (StatisticalSpec) only(scored, other).spec();
            assertThat(spec.arimaLookback()).isNull();
            assertThat(spec.inputLength()).as(other + " reads the window").isEqualTo(lookback);
        }

        StatisticalSpec standing = (StatisticalSpec) StatisticalCandidates.standing(scored, scoring).spec();
        assertThat(standing.methods()).containsExactly(Method.ETS, Method.ARIMA, Method.THETA);
        assertThat(standing.lookback()).isEqualTo(lookback);
        assertThat(standing.arimaLookback()).isEqualTo(RUN);

        FinalChoices choices = new FinalChoices(List.of(run), lookback,
                arimaLookback, 1, System.nanoTime() + Duration.ofSeconds(30).toNanos());
        StatisticalSpec refit = (StatisticalSpec) choices.refit(standing);
        assertThat(refit.arimaLookback()).isEqualTo(RUN);
        assertThat(refit.arimaOrder()).as("chosen again on the whole run")
                .isEqualTo(Arima.select(run, 1, Duration.ofSeconds(30)).order().toString());
    }

    @Test
    void theStandingMedianKeepsAMemberThatLeftTheRangeAndTheMeanOfTwoDoesNot() {
        ValidationScoring scoring = scoring(walk());
        ValidationOrigins origins = scoring.origins();
        List<Candidate> scored = scored(scoring);
        Candidate ets = only(scored, Method.ETS);
        Candidate arima = only(scored, Method.ARIMA);
        Candidate theta = only(scored, Method.THETA);
        int last = origins.count() - 1;
        double[][] wild = ets.forecasts().clone();
        wild[last] = new double[H];
        Arrays.fill(wild[last], -1e6);
        Candidate diverged = scoring.score(ets.spec(), wild, null, 0);
        assertThat(diverged.disqualified()).startsWith("diverged from origin " + origins.count());

        Candidate median = StatisticalCandidates.standing(List.of(diverged, arima, theta), scoring);
        assertThat(((StatisticalSpec) median.spec()).methods()).containsExactly(Method.ETS, Method.ARIMA, Method.THETA);
        assertThat(median.qualified()).as("the median of three stays in range").isTrue();
        for (int step = 0; step < H; step++) {
            assertThat(median.forecasts()[last][step]).as("the lower of the other two, step " + step)
                    .isEqualTo(Math.min(arima.forecasts()[last][step], theta.forecasts()[last][step]));
        }

        Candidate noArima = new Candidate(arima.spec(), new double[origins.count()][], Double.POSITIVE_INFINITY,
                "too few values before origin 1", 0);
        assertThat(StatisticalCandidates.standing(List.of(diverged, noArima, theta), scoring))
                .as("no mean of a wild member and Theta").isNull();
        Candidate mean = StatisticalCandidates.standing(List.of(ets, noArima, theta), scoring);
        assertThat(((StatisticalSpec) mean.spec()).methods()).containsExactly(Method.ETS, Method.THETA);
        assertThat(mean.forecasts()[last][0])
                .isEqualTo((ets.forecasts()[last][0] + theta.forecasts()[last][0]) / 2);
    }

    /**
     * A sub-daily series whose season is a day (16 steps here) and whose weekends are lower: where a week is a season
     * too, the candidates read at least a week and the value a week before is one of them, forecasting the origins
     * far better than the value a day before; otherwise it is not offered.
     */
    @Test
    void whereAWeekIsASeasonTooTheValueAWeekBeforeIsACandidate() {
        int day = 16;
        int week = StatisticalSpec.week(day);
        Random noise = new Random(3);
        double[] run = new double[10 * week];
        for (int t = 0; t < run.length; t++) {
            boolean weekend = t % week >= 5 * day;
            run[t] = (weekend ? 60 : 100) * (1 + 0.3 * Math.sin(2 * Math.PI * t / day)) + noise.nextGaussian();
        }
        assertThat(StatisticalCandidates.lookback(day, false, run.length)).as("five days").isEqualTo(5 * day);
        assertThat(StatisticalCandidates.lookback(day, true, run.length)).as("a week").isEqualTo(week);
        assertThat(StatisticalCandidates.lookback(day, true, 100)).as("what the run holds").isEqualTo(100);
        assertThat(StatisticalCandidates.lookback(144, true, 5000)).as("10-minute steps: a week, over 1000 values")
                .isEqualTo(1008);
        assertThat(StatisticalCandidates.lookback(1440, true, 20_000)).as("minutes: a week is too long to read")
                .isEqualTo(StatisticalSpec.MAX_LOOKBACK);

        ValidationScoring scoring = dayApart(run, day);
        List<Candidate> weekly = scoredDaily(scoring, week, true);
        Candidate weekBefore = only(weekly, Method.WEEKLY_NAIVE);
        Candidate dayBefore = only(weekly, Method.SEASONAL_NAIVE);
        assertThat(weekBefore.qualified()).isTrue();
        assertThat(weekBefore.mase()).as("against the day before's %.3f", dayBefore.mase())
                .isLessThan(dayBefore.mase() / 2);
        assertThat(weekBefore.spec().lookback()).isEqualTo(week);
        // MSTL estimates the week over three rather than copying the last one, and its noise with it
        Candidate mstl = only(weekly, Method.MSTL_ETS);
        assertThat(mstl.spec().lookback()).as("three weeks").isEqualTo(3 * week);
        assertThat(mstl.qualified()).isTrue();
        assertThat(mstl.mase()).as("against the week before's %.3f", weekBefore.mase()).isLessThan(weekBefore.mase());
        assertThat(StatisticalCandidates.combinations(weekly, scoring))
                .as("a combination reads one lookback, MSTL three weeks")
                .allSatisfy(c -> assertThat(((StatisticalSpec) c.spec()).methods()).doesNotContain(Method.MSTL_ETS));
        int twoAndAHalfWeeks = 5 * week / 2;
        Candidate capped = only(StatisticalCandidates.scored(scoring, week, run.length, true, twoAndAHalfWeeks,
                StatisticalSpec.of(Method.NAIVE, week, day, GapPolicy.SPLIT, 1), Duration.ofSeconds(2)),
                Method.MSTL_ETS);
        assertThat(capped.spec().lookback()).as("at most the last gap-free run").isEqualTo(twoAndAHalfWeeks);
        assertThat(StatisticalSpec.readsWeeks(96)).as("15-minute steps: 2,016 values").isTrue();
        assertThat(StatisticalSpec.readsWeeks(144)).as("10-minute steps: 3,024 values").isFalse();

        List<Candidate> daily = scoredDaily(scoring, 5 * day, false);
        assertThat(daily).extracting(c -> ((StatisticalSpec) c.spec()).methods())
                .doesNotContain(List.of(Method.WEEKLY_NAIVE), List.of(Method.MSTL_ETS))
                .contains(List.of(Method.SEASONAL_NAIVE))
                .as("a season of 16 is one exponential smoothing takes").doesNotContain(List.of(Method.STL_ETS));

        double[] tenDays = Arrays.copyOf(run, 10 * day);
        ValidationScoring early = dayApart(tenDays, day);
        assertThat(early.origins().fitLength()).as("less than a week before the first origin").isLessThan(week);
        assertThat(scoredDaily(early, tenDays.length, true)).extracting(c -> ((StatisticalSpec) c.spec()).methods())
                .doesNotContain(List.of(Method.WEEKLY_NAIVE), List.of(Method.MSTL_ETS))
                .contains(List.of(Method.SEASONAL_NAIVE));
    }

    private static ValidationScoring scoring(double[] run) {
        return new ValidationScoring(run, ValidationOrigins.plan(RUN, H, 1), 1, false);
    }

    /** Validation origins a day apart, forecasting a day, on a series whose season is a day. */
    private static ValidationScoring dayApart(double[] run, int day) {
        return new ValidationScoring(run, ValidationOrigins.plan(run.length, day, day), day, false);
    }

    /** AUTO's statistical candidates on the scored run with a daily season, ARIMA reading all of it. */
    private static List<Candidate> scoredDaily(ValidationScoring scoring, int lookback, boolean weekly) {
        int day = scoring.seasonalPeriod();
        return StatisticalCandidates.scored(scoring, lookback, scoring.run().length, weekly, scoring.run().length,
                StatisticalSpec.of(Method.NAIVE, lookback, day, GapPolicy.SPLIT, 1), Duration.ofSeconds(2));
    }

    /** AUTO's statistical candidates on the run, as it offers them for a series without season. */
    private static List<Candidate> scored(ValidationScoring scoring) {
        int lookback = StatisticalCandidates.lookback(1, false, RUN);
        return StatisticalCandidates.scored(scoring, lookback, StatisticalCandidates.arimaLookback(RUN), false, RUN,
                StatisticalSpec.of(Method.NAIVE, lookback, H, GapPolicy.SPLIT, 1), Duration.ofSeconds(30));
    }

    /**
     * Half-hours with a daily shape (m = 48): exponential smoothing takes no season longer than 24, as R's ets, so
     * AUTO offers it on values seasonally adjusted by STL too (R's stlf), which follows the day where plain
     * exponential smoothing forecasts a level, and ARIMA on the same adjusted values (R's stlf with method "arima");
     * the two stand in the standing median for exponential smoothing and ARIMA.
     */
    @Test
    void whereASeasonIsLongerThanExponentialSmoothingTakesItsStlFormStandsInForIt() {
        int day = 48;
        Random noise = new Random(5);
        double[] run = new double[12 * day];
        for (int t = 0; t < run.length; t++) {
            run[t] = 100 + 0.02 * t + 30 * Math.sin(2 * Math.PI * t / day) + 3 * noise.nextGaussian();
        }
        ValidationScoring scoring = dayApart(run, day);
        int lookback = StatisticalCandidates.lookback(day, false, run.length);
        List<Candidate> scored = scoredDaily(scoring, lookback, false);

        Candidate stl = only(scored, Method.STL_ETS);
        Candidate ets = only(scored, Method.ETS);
        assertThat(stl.qualified()).isTrue();
        assertThat(stl.spec().lookback()).isEqualTo(lookback);
        assertThat(stl.mase()).as("against plain exponential smoothing's %.3f", ets.mase())
                .isLessThan(ets.mase() / 2);
        Candidate stlArima = only(scored, Method.STL_ARIMA);
        Candidate arima = scored.stream().filter(c -> ((StatisticalSpec) c.spec()).methods().equals(
                List.of(Method.ARIMA))).findFirst().orElseThrow();
        assertThat(stlArima.mase()).as("against ARIMA on the raw values, %.3f, which sees no season of 48",
                arima.mase()).isLessThan(arima.mase() / 2);
        assertThat(((StatisticalSpec) stlArima.spec()).arimaOrder()).as("chosen before the first origin")
                .isNotNull();
        StatisticalSpec standing = (StatisticalSpec) StatisticalCandidates.standing(scored, scoring).spec();
        assertThat(standing.methods()).containsExactly(Method.STL_ETS, Method.STL_ARIMA, Method.THETA);
        assertThat(standing.arimaOrder()).isEqualTo(((StatisticalSpec) stlArima.spec()).arimaOrder());
        assertThat(StatisticalCandidates.combinations(scored, scoring)).as("ARIMA and STL_ARIMA need two orders")
                .noneSatisfy(c -> assertThat(((StatisticalSpec) c.spec()).methods()).contains(Method.ARIMA,
                        Method.STL_ARIMA));

        // a level and noise, declared with the same season: STL finds no seasonal strength, so ETS stands as it is
        double[] flat = new double[run.length];
        for (int t = 0; t < flat.length; t++) {
            flat[t] = 100 + 3 * noise.nextGaussian();
        }
        ValidationScoring noSeason = dayApart(flat, day);
        List<Candidate> plain = scoredDaily(noSeason, lookback, false);
        assertThat(plain).extracting(c -> ((StatisticalSpec) c.spec()).methods())
                .doesNotContain(List.of(Method.STL_ETS), List.of(Method.STL_ARIMA));
        assertThat(((StatisticalSpec) StatisticalCandidates.standing(plain, noSeason).spec()).methods())
                .contains(Method.ETS);
    }

    private static Candidate only(List<Candidate> candidates, Method method) {
        return candidates.stream().filter(c -> ((StatisticalSpec) c.spec()).methods().equals(List.of(method)))
                .findFirst().orElseThrow();
    }
}
