package dev.tsforge.statistics;

/**
 * Exponential smoothing of values seasonally adjusted by STL, with the last season of the seasonal component repeated
 * over the horizon: R's {@code forecast::stlf} as it runs by default (one season, {@code mstl}'s seasonal window of
 * 11, no robustness weights, {@code ets} with no season of its own on the adjusted values). It is what R offers for
 * seasons longer than {@code ets} takes ({@link Ets#MAX_PERIOD}): half-hours in a day, weeks in a year.
 */
public final class StlEts {

    /** The seasonal window {@code mstl} gives a single season ({@code 7 + 4 * 1}). */
    static final int SEASONAL_WINDOW = 11;

    private StlEts() {
    }

    /** Whether {@code values} hold enough seasons for the decomposition ({@code mstl} wants more than two). */
    public static boolean decomposes(int values, int period) {
        return period > 1 && values > 2 * period;
    }

    /**
     * The forecast of the next {@code horizon} values; where the values hold two seasons or fewer, exponential
     * smoothing without a season, as {@code mstl} drops such a season.
     *
     * @throws IllegalArgumentException where no exponential smoothing fits the (adjusted) values
     */
    public static double[] forecast(double[] y, int period, int horizon) {
        if (!decomposes(y.length, period)) {
            return Ets.select(y, 1).forecast(horizon);
        }
        int n = y.length;
        double[] seasonal = Stl.decompose(y, period, SEASONAL_WINDOW)[0];
        double[] adjusted = new double[n];
        for (int i = 0; i < n; i++) {
            adjusted[i] = y[i] - seasonal[i];
        }
        double[] forecast = Ets.select(adjusted, 1).forecast(horizon);
        for (int step = 0; step < horizon; step++) {
            forecast[step] += seasonal[n - period + step % period];
        }
        return forecast;
    }
}
