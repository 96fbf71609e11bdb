package dev.tsforge.forecasting;

import dev.tsforge.evaluation.PlausibleRange;
import dev.tsforge.model.History;
import dev.tsforge.model.ModelTrainer;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.model.StatisticalSpec.Method;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.series.GapPolicy;
import dev.tsforge.series.PointStats;
import java.util.Arrays;

/**
 * Keeps served forecasts plausible: a model's forecast that leaves the {@link PlausibleRange} around its input values
 * and its training data is replaced by its fallback's (the best statistical candidate of its AUTO search, or seasonal
 * naive), and a series that is never negative gets no value below zero. Every way to forecast goes through it.
 *
 * <p>A fallback may read more than its model: a week where a week is a season, ARIMA's long run, two seasons for
 * seasonal naive and its residual intervals behind a network that reads part of a day. Those values are read only
 * when a forecast diverges, so the forecasts that do not pay nothing for them.
 */
final class ForecastGuard {

    private ForecastGuard() {
    }

    /**
     * The values to serve and, when they are the fallback's, which method and why.
     *
     * @param fallback null when the model's own values are served
     * @param input    the values the served forecast was made from: the model's input, or what its fallback read
     */
    record Guarded(double[] values, Forecast.Fallback fallback, History input) {
    }

    /** The latest values of the forecast's series, up to the same last value; fewer where no more can be read. */
    @FunctionalInterface
    interface LongerInput {

        History latest(int values);
    }

    /**
     * @param history     the model's input values
     * @param longer      reads more of the series for a fallback that reads more than the model
     * @param seriesStats the stored series' value range, or null when not looked up
     */
    static Guarded guard(ModelVersion model, History history, LongerInput longer, PointStats seriesStats,
            double[] values, int seasonalPeriod, boolean nonNegative) {
        PlausibleRange range = range(model, history.values(), seriesStats, nonNegative);
        String violation = range.violation(values);
        if (violation == null) {
            return new Guarded(clamp(values, nonNegative), null, history);
        }
        StatisticalSpec fallback = model.guard().fallback();
        // two seasons for seasonal naive's residual intervals, up to the longest week a statistical model reads
        int wanted = Math.max(fallback == null ? 0 : fallback.inputLength(),
                Math.min(2 * seasonalPeriod, StatisticalSpec.MAX_WEEK));
        History input = wanted > history.length() ? longer.latest(wanted) : history;
        String read = input.length() > history.length() ? " (the fallback read the latest " + input.length()
                + " values)" : "";
        if (fallback != null) {
            double[] replacement = forecast(fallback, input, values.length, seasonalPeriod);
            if (replacement != null && range.violation(replacement) == null) {
                return new Guarded(clamp(replacement, nonNegative), new Forecast.Fallback(
                        fallback.architectureName(), "the model's forecast diverged: " + violation + read), input);
            }
        }
        // seasonal naive repeats observed values: it never leaves the range
        StatisticalSpec seasonal = seasonalNaive(input.length(), values.length, seasonalPeriod);
        double[] replacement = forecast(seasonal, input, values.length, seasonalPeriod);
        return new Guarded(clamp(replacement, nonNegative), new Forecast.Fallback(seasonal.architectureName(),
                "the model's forecast diverged: " + violation + (fallback == null ? ""
                        : "; so did its fallback " + fallback.architectureName()) + read), input);
    }

    /**
     * The range around the input values, widened to the model's training range and the stored series' range where
     * they are known: an input window alone (a fraction of a season) is far narrower than what the series does.
     */
    static PlausibleRange range(ModelVersion model, double[] history, PointStats seriesStats, boolean nonNegative) {
        PlausibleRange range = PlausibleRange.of(history, nonNegative);
        ModelVersion.Guard guard = model.guard();
        if (guard.valueMin() != null) {
            range = range.span(PlausibleRange.around(guard.valueMin(), guard.valueMax(), nonNegative));
        }
        if (seriesStats != null && seriesStats.minValue() != null) {
            range = range.span(PlausibleRange.around(seriesStats.minValue(), seriesStats.maxValue(), nonNegative));
        }
        return range;
    }

    static double[] clamp(double[] values, boolean nonNegative) {
        return nonNegative ? Arrays.stream(values).map(v -> Math.max(0, v)).toArray() : values;
    }

    private static StatisticalSpec seasonalNaive(int historyLength, int horizon, int seasonalPeriod) {
        Method method = seasonalPeriod > 1 && seasonalPeriod <= historyLength ? Method.SEASONAL_NAIVE : Method.NAIVE;
        return StatisticalSpec.of(method, Math.max(historyLength, 1), horizon, GapPolicy.LINEAR, 0);
    }

    private static double[] forecast(StatisticalSpec spec, History history, int horizon, int seasonalPeriod) {
        try {
            return ModelTrainer.statistical(spec, seasonalPeriod).forecast(history, horizon);
        } catch (IllegalArgumentException tooShort) {
            return null;
        }
    }
}
