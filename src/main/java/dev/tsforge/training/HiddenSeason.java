package dev.tsforge.training;

import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.model.StatisticalSpec.Method;
import dev.tsforge.model.WindowSpec;
import dev.tsforge.statistics.Ets;
import dev.tsforge.statistics.Gaps;
import dev.tsforge.statistics.Seasonality;
import dev.tsforge.statistics.StlEts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A season the holdout hides: the training part is too short to judge a season (fewer than three seasons, the least
 * M4's seasonality test takes, or too few values for a seasonal exponential smoothing form by R's rule, {@link
 * Ets#seasonalFormsFit}), while the whole run with the holdout holds a seasonal form (42 months asked for 18: M4's
 * shortest monthly series; 16 quarters asked for 8). No validation origin then has a season's worth of values
 * before it, so the validation cannot tell a method that knows the season from one that does not, and forms and
 * orders chosen on the training part seldom have one (AICc's penalty for twelve seasonal states on 24 values).
 *
 * <p>AUTO then serves the standing combination (the median of ETS, ARIMA and Theta) with its ETS form and ARIMA
 * order chosen on the whole run, as R's {@code ets} and {@code auto.arima} choose them on all the data they are
 * given; the holdout measures the same combination with the form and order chosen without it, so its score says
 * what the procedure does on values it has not seen. No network is tried: none could be judged on the season either.
 * The fallback is seasonal naive, which the whole run has a season for.
 *
 * <p>A season longer than exponential smoothing takes (weeks in a year) is judged in validation by the STL methods
 * only where the values before the first origin hold more than two cycles: three years of weeks asked for a
 * quarter leave the first origin a year and a half. Where the training part holds more than two cycles and the
 * whole run shows the season ({@link StlEts#showsSeason}), AUTO serves the standing combination on STL-adjusted
 * values (STL_ETS, STL_ARIMA and Theta), STL_ARIMA's order chosen on the whole run as above; each member
 * estimates the season on the values it reads at each forecast.
 */
final class HiddenSeason {

    private HiddenSeason() {
    }

    /**
     * @param measured the standing combination as chosen on the training part: what the holdout measures
     * @param served   the same, its form and order chosen on the whole run
     * @param fallback seasonal naive
     * @param verdict  why, in words
     */
    record Specs(StatisticalSpec measured, StatisticalSpec served, StatisticalSpec fallback, String verdict) {
    }

    /**
     * @param runs           the training part's gap-free runs
     * @param wholeLastRun   the last run, holdout included
     * @param trainingChoice the form and order chosen on the training part
     * @param window         the statistical candidates' window
     * @param deadline       {@link System#nanoTime()} after which the ARIMA search visits no new model
     */
    static Specs specs(List<double[]> runs, double[] wholeLastRun, FinalChoices trainingChoice,
            WindowSpec window, int arimaLookback, int seasonalPeriod, long deadline) {
        List<double[]> wholeRuns = new ArrayList<>(runs.subList(0, runs.size() - 1));
        wholeRuns.add(wholeLastRun);
        FinalChoices wholeChoice = new FinalChoices(wholeRuns, window.lookback(), arimaLookback, seasonalPeriod,
                deadline);
        if (seasonalPeriod > Ets.MAX_PERIOD) {
            return longSeason(trainingChoice, wholeChoice, window, seasonalPeriod);
        }
        StatisticalSpec measured = standing(trainingChoice, window, arimaLookback);
        StatisticalSpec served = standing(wholeChoice, window, arimaLookback);
        StatisticalSpec fallback = new StatisticalSpec(List.of(Method.SEASONAL_NAIVE), null, null, window);
        return new Specs(measured, served, fallback, verdict(measured, served, seasonalPeriod));
    }

    /**
     * @param trainingPart the values of the last run before the holdout
     * @param wholeRun     the values of the last run, holdout included
     * @param lookback     the values a statistical model reads
     * @param validatable  for a season longer than exponential smoothing takes: whether the values before the first
     *                     validation origin hold more than two cycles, so that the STL methods can be validated
     */
    static boolean hides(int seasonalPeriod, double[] trainingPart, double[] wholeRun, int lookback,
            boolean validatable) {
        if (seasonalPeriod > Ets.MAX_PERIOD) {
            // what the model reads must hold the season: a minute's day (1440) is more than two cycles of a long run,
            // not of the 1000 values a statistical model reads at most
            double[] read = Gaps.lastFilled(wholeRun, wholeRun.length, lookback);
            return !validatable && StlEts.decomposes(Math.min(trainingPart.length, lookback), seasonalPeriod)
                    && StlEts.showsSeason(read, seasonalPeriod);
        }
        return Ets.seasonalFormsFit(wholeRun.length, seasonalPeriod)
                && (!Seasonality.testable(trainingPart.length, seasonalPeriod)
                || !Ets.seasonalFormsFit(trainingPart.length, seasonalPeriod));
    }

    /**
     * A season longer than exponential smoothing takes: the standing combination on STL-adjusted values, STL_ARIMA's
     * order chosen on the adjusted training part (measured) and on the adjusted whole run (served); each member
     * estimates the season on the values it reads at each forecast.
     */
    private static Specs longSeason(FinalChoices trainingChoice, FinalChoices wholeChoice, WindowSpec window,
            int seasonalPeriod) {
        StatisticalSpec measured = new StatisticalSpec(StatisticalCandidates.STANDING_LONG_SEASON, null,
                trainingChoice.stlArimaOrder(), window);
        StatisticalSpec served = new StatisticalSpec(StatisticalCandidates.STANDING_LONG_SEASON, null,
                wholeChoice.stlArimaOrder(), window);
        return new Specs(measured, served, new StatisticalSpec(List.of(Method.SEASONAL_NAIVE), null, null, window),
                String.format(Locale.ROOT, "but no validation origin has the seasons before it to judge a season of "
                        + "period %d, which the whole run, holdout included, shows (a seasonal strength above 0.64 by "
                        + "STL, R's test for a seasonal difference): no network was tried and no candidate is served; "
                        + "the holdout measured %s, its order chosen on the training part, and %s is served, its "
                        + "order chosen on the whole run, holdout included; each member estimates the season on the "
                        + "values it reads", seasonalPeriod, measured.architectureName(), served.architectureName()));
    }

    /**
     * The standing combination of what the choices fit: ETS where a form was chosen, ARIMA where an order was, and
     * Theta, which always fits.
     */
    private static StatisticalSpec standing(FinalChoices choices, WindowSpec window, int arimaLookback) {
        String form = choices.etsForm();
        String order = choices.arimaOrder();
        List<Method> methods = new ArrayList<>();
        if (form != null) {
            methods.add(Method.ETS);
        }
        if (order != null) {
            methods.add(Method.ARIMA);
        }
        methods.add(Method.THETA);
        return new StatisticalSpec(methods, form, order, window).withArimaLookback(arimaLookback);
    }

    /** What AUTO did instead of choosing by validation, and why, in words. */
    private static String verdict(StatisticalSpec measured, StatisticalSpec served, int seasonalPeriod) {
        return String.format(Locale.ROOT, "but the holdout hides the season: the training part is too short to "
                + "judge a season of period %d, the whole run is not, so no origin could judge one; no network was "
                + "tried and no candidate is served: the holdout measured the standing combination %s, its form "
                + "and order chosen on the training part, and %s is served, its form and order chosen on the whole "
                + "run, holdout included", seasonalPeriod, measured.architectureName(), served.architectureName());
    }
}
