package dev.tsforge.evaluation;

import dev.tsforge.statistics.Seasonality;
import java.util.Arrays;

/** The forecasts a network has to beat to be worth serving. */
public final class Baselines {

    private Baselines() {
    }

    /** Repeats the last observed value (the last one that is not NaN). */
    public static double[] naive(double[] history, int horizon) {
        double[] forecast = new double[horizon];
        Arrays.fill(forecast, lastObserved(history));
        return forecast;
    }

    /** Repeats the last season: the value {@code period} steps before each target (naive when period is 1). */
    public static double[] seasonalNaive(double[] history, int horizon, int period) {
        if (period < 1 || period > history.length) {
            throw new IllegalArgumentException("period " + period + " needs at least that many values");
        }
        double[] forecast = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            double seasonAgo = history[history.length - period + h % period];
            // a missing value a season ago: the last observed value instead
            forecast[h] = Double.isNaN(seasonAgo) ? lastObserved(history) : seasonAgo;
        }
        return forecast;
    }

    /**
     * The M4 competition's Naive2: naive on the seasonally adjusted series (see {@link Seasonality}), made seasonal
     * again. The yardstick of M4's OWA. Needs a history without missing values.
     */
    public static double[] naive2(double[] history, int horizon, int period) {
        double[] indices = Seasonality.indices(history, period);
        double[] adjusted = Seasonality.adjust(history, indices);
        return Seasonality.restore(naive(adjusted, horizon), indices, history.length);
    }

    private static double lastObserved(double[] history) {
        for (int i = history.length - 1; i >= 0; i--) {
            if (!Double.isNaN(history[i])) {
                return history[i];
            }
        }
        throw new IllegalArgumentException("the history has no observed value");
    }
}
