package dev.tsforge.statistics;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Exponential smoothing of values seasonally adjusted by STL, with the last cycle of each seasonal component repeated
 * over the horizon: R's {@code forecast::stlf} as it runs by default ({@code mstl}'s seasonal windows, no robustness
 * weights, {@code ets} with no season of its own on the adjusted values). With one season it is what R offers for
 * seasons longer than {@code ets} takes ({@link Ets#MAX_PERIOD}: half-hours in a day, weeks in a year); with two
 * (a day and a week of a sub-daily grid) it is MSTL's forecast (Bandara, Hyndman and Bergmeir 2021), which estimates
 * each season over several cycles rather than copying the last one.
 */
public final class StlEts {

    /** The seasonal window {@code mstl} gives its first season ({@code 7 + 4 * 1}), shortest season first. */
    static final int SEASONAL_WINDOW = 11;

    private StlEts() {
    }

    /** Whether {@code values} hold enough cycles of a season to estimate it: {@code mstl} wants more than two. */
    public static boolean decomposes(int values, int period) {
        return period > 1 && 2 * period < values;
    }

    /**
     * Whether {@code values} show a season of {@code period}: more than two cycles, and a seasonal strength above
     * 0.64 (the seasonal component's share of what is not trend, from STL: the test by which R's {@code auto.arima}
     * takes a seasonal difference). M4's autocorrelation test finds a smooth long season (weeks in a year) in three
     * cycles hardly ever, its bound growing with every lag the season makes correlated.
     */
    public static boolean showsSeason(double[] values, int period) {
        return decomposes(values.length, period) && ArimaDifferencing.nsdiffs(values, period) == 1;
    }

    /** {@link #forecast(double[], int[], int)} with one season. */
    public static double[] forecast(double[] y, int period, int horizon) {
        return forecast(y, new int[] {period}, horizon);
    }

    /**
     * The forecast of the next {@code horizon} values from the seasons {@code y} holds more than two cycles of (as
     * {@code mstl} drops the others); exponential smoothing without a season where it holds none.
     *
     * @throws IllegalArgumentException where no exponential smoothing fits the (adjusted) values
     */
    public static double[] forecast(double[] y, int[] periods, int horizon) {
        return forecast(y, periods, horizon, adjusted -> Ets.select(adjusted, 1).forecast(horizon));
    }

    /** The values less the season of {@code period} where they hold more than two cycles of it; else as they are. */
    public static double[] adjusted(double[] y, int period) {
        return less(y, decompose(y, decomposes(y.length, period) ? new int[] {period} : new int[0]));
    }

    /**
     * The forecast of the next {@code horizon} values: {@code adjustedForecast} of the values less the seasons they
     * hold more than two cycles of, each season's last cycle added back.
     */
    static double[] forecast(double[] y, int[] periods, int horizon, Function<double[], double[]> adjustedForecast) {
        int n = y.length;
        int[] kept = Arrays.stream(periods).filter(period -> decomposes(n, period)).sorted().distinct().toArray();
        double[][] seasonal = decompose(y, kept);
        double[] forecast = adjustedForecast.apply(less(y, seasonal));
        for (int s = 0; s < kept.length; s++) {
            for (int step = 0; step < horizon; step++) {
                forecast[step] += seasonal[s][n - kept[s] + step % kept[s]];
            }
        }
        return forecast;
    }

    /** {@code y} less each of the seasonal components. */
    private static double[] less(double[] y, double[][] seasonal) {
        double[] adjusted = y.clone();
        for (double[] component : seasonal) {
            for (int i = 0; i < adjusted.length; i++) {
                adjusted[i] -= component[i];
            }
        }
        return adjusted;
    }

    /**
     * R's {@code mstl}: each season's component by STL on the values less the other seasons' components, twice over
     * where there are several, with the seasonal window {@code 7 + 4 i} for the i-th shortest season.
     */
    static double[][] decompose(double[] y, int[] periods) {
        int n = y.length;
        double[][] seasonal = new double[periods.length][n];
        double[] deseasoned = y.clone();
        int iterations = periods.length > 1 ? 2 : 1;
        for (int iteration = 0; iteration < iterations; iteration++) {
            for (int s = 0; s < periods.length; s++) {
                for (int i = 0; i < n; i++) {
                    deseasoned[i] += seasonal[s][i];
                }
                seasonal[s] = Stl.decompose(deseasoned, periods[s], SEASONAL_WINDOW + 4 * s)[0];
                for (int i = 0; i < n; i++) {
                    deseasoned[i] -= seasonal[s][i];
                }
            }
        }
        return seasonal;
    }
}
