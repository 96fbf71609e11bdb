package dev.tsforge.evaluation;

import java.util.Arrays;

/** The forecasts a network has to beat to be worth serving. */
public final class Baselines {

    private Baselines() {
    }

    /** Repeats the last value. */
    public static double[] naive(double[] history, int horizon) {
        double[] forecast = new double[horizon];
        Arrays.fill(forecast, history[history.length - 1]);
        return forecast;
    }

    /** Repeats the last season: the value {@code period} steps before each target (naive when period is 1). */
    public static double[] seasonalNaive(double[] history, int horizon, int period) {
        if (period < 1 || period > history.length) {
            throw new IllegalArgumentException("period " + period + " needs at least that many values");
        }
        double[] forecast = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            forecast[h] = history[history.length - period + h % period];
        }
        return forecast;
    }
}
