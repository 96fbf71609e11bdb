package dev.tsforge.training;

import dev.tsforge.evaluation.ValidationOrigins;
import dev.tsforge.model.History;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.ModelTrainer;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.model.StatisticalSpec.Method;
import dev.tsforge.series.GapPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * AUTO's statistical half outside the service, for harnesses that compare its choice rule at many origins without a
 * network's run-to-run spread: the candidates and combinations {@link AutoSearch} scores, the choice between the
 * standing combination and the lowest statistical candidate at a given number of standard errors, the final form and
 * order chosen on the training part, and the forecast from the whole run. No networks, no hidden-season rule.
 */
public final class StatisticalAuto {

    /** AUTO's ARIMA search limit at a 60 s budget: a quarter of the search's share of it. */
    private static final Duration ARIMA_LIMIT = Duration.ofSeconds(12);

    private StatisticalAuto() {
    }

    /** The spec served and its forecast of the {@code horizon} values after {@code run}. */
    public record Chosen(String spec, double[] forecast) {
    }

    /**
     * As AUTO chooses on {@code run} with its own holdout (the last {@code horizon} values) held out, the standing
     * combination kept unless the lowest statistical candidate beats it by more than {@code clearAdvantage} standard
     * errors; null when the run cannot spare a validation origin.
     */
    public static Chosen choose(double[] run, int seasonalPeriod, boolean weekly, boolean nonNegative, int horizon,
            double clearAdvantage) {
        double[] last = Arrays.copyOf(run, run.length - horizon);
        ValidationOrigins origins = ValidationOrigins.plan(last.length, horizon, seasonalPeriod);
        if (origins == null) {
            return null;
        }
        ValidationScoring scoring = new ValidationScoring(last, origins, seasonalPeriod, nonNegative);
        int lookback = StatisticalCandidates.lookback(seasonalPeriod, weekly, run.length);
        int arimaLookback = Math.max(lookback, StatisticalCandidates.arimaLookback(run.length));
        ModelSpec template = StatisticalSpec.of(Method.NAIVE, lookback, horizon, GapPolicy.SPLIT, 1);
        List<Candidate> tried = new ArrayList<>(StatisticalCandidates.scored(scoring, lookback, arimaLookback, weekly,
                run.length, template, ARIMA_LIMIT));
        Candidate standing = StatisticalCandidates.standing(tried, scoring);
        tried.addAll(StatisticalCandidates.combinations(tried, scoring));
        Method baselineMethod = scoring.seasonal() ? Method.SEASONAL_NAIVE : Method.NAIVE;
        Candidate baseline = tried.stream().filter(c -> c.spec() instanceof StatisticalSpec s
                && s.methods().equals(List.of(baselineMethod))).findFirst().orElseThrow();
        Candidate lowest = tried.stream().filter(Candidate::qualified)
                .min(Comparator.comparingDouble(Candidate::mase)).orElse(baseline);
        Candidate best = standing == null || !standing.qualified() || lowest == standing
                || origins.advantage(last, lowest.forecasts(), standing.forecasts(), seasonalPeriod)
                > clearAdvantage ? lowest : standing;
        FinalChoices finalChoices = new FinalChoices(List.of(last), lookback, arimaLookback, seasonalPeriod,
                System.nanoTime() + ARIMA_LIMIT.toNanos());
        StatisticalSpec served = (StatisticalSpec) finalChoices.refit(best.spec());
        double[] forecast = ModelTrainer.statistical(served, seasonalPeriod).forecast(History.of(run), horizon);
        return new Chosen(served.architectureName(), forecast);
    }
}
