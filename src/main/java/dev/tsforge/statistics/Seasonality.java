package dev.tsforge.statistics;

import java.util.Arrays;

/**
 * The M4 competition's seasonal adjustment, shared by Naive2 and Theta: a series counts as seasonal when its
 * autocorrelation at the seasonal lag is significant at 90 % (M4's {@code SeasonalityTest}), and is then divided by
 * the seasonal indices of a classical multiplicative decomposition (R's {@code decompose(type = "multiplicative")}).
 */
public final class Seasonality {

    /** One-sided 90 % critical value of the normal distribution, as M4 uses. */
    private static final double CRITICAL = 1.645;

    private Seasonality() {
    }

    /**
     * M4's test ({@link #autocorrelated}) for its multiplicative decomposition, which also needs positive values: a
     * series with a value at or below 0 counts as not seasonal (M4's series are all positive).
     */
    public static boolean isSeasonal(double[] values, int period) {
        return Arrays.stream(values).allMatch(v -> v > 0) && autocorrelated(values, period);
    }

    /** Whether {@code values} values are enough for M4's test to find a season: three seasons. */
    public static boolean testable(int values, int period) {
        return period >= 2 && values >= 3 * period;
    }

    /**
     * M4's seasonality test on any values: at least three seasons ({@link #testable}), and
     * {@code |acf(period)| > 1.645 sqrt((1 + 2 sum_{k<period} acf(k)^2) / n)}.
     */
    public static boolean autocorrelated(double[] values, int period) {
        int n = values.length;
        if (!testable(n, period)) {
            return false;
        }
        double mean = Arrays.stream(values).average().orElse(0);
        double variance = 0;
        for (double value : values) {
            variance += (value - mean) * (value - mean);
        }
        if (variance == 0) {
            return false;
        }
        double squares = 0;
        double atPeriod = 0;
        for (int lag = 1; lag <= period; lag++) {
            double sum = 0;
            for (int t = lag; t < n; t++) {
                sum += (values[t] - mean) * (values[t - lag] - mean);
            }
            double acf = sum / variance;
            if (lag < period) {
                squares += acf * acf;
            } else {
                atPeriod = acf;
            }
        }
        return Math.abs(atPeriod) > CRITICAL / Math.sqrt(n) * Math.sqrt(1 + 2 * squares);
    }

    /**
     * The multiplicative seasonal indices of a classical decomposition: a centred moving average of one season
     * gives the trend, each value over its trend the seasonal ratio, and the index of a season position the mean of
     * its ratios, scaled so the indices average 1. Index {@code i} belongs to positions {@code i, i + period, ...}
     * counted from the first value. All 1 when the series is not {@link #isSeasonal seasonal}.
     */
    public static double[] indices(double[] values, int period) {
        double[] indices = new double[Math.max(period, 1)];
        Arrays.fill(indices, 1);
        if (!isSeasonal(values, period)) {
            return indices;
        }
        int n = values.length;
        double[] sums = new double[period];
        int[] counts = new int[period];
        int half = period / 2;
        for (int t = half; t < n - half; t++) {
            double trend;
            if (period % 2 == 0) {
                // a 2 x period moving average: the ends weigh half so the window centres on t
                double sum = 0.5 * (values[t - half] + values[t + half]);
                for (int k = t - half + 1; k < t + half; k++) {
                    sum += values[k];
                }
                trend = sum / period;
            } else {
                double sum = 0;
                for (int k = t - half; k <= t + half; k++) {
                    sum += values[k];
                }
                trend = sum / period;
            }
            sums[t % period] += values[t] / trend;
            counts[t % period]++;
        }
        double total = 0;
        for (int i = 0; i < period; i++) {
            indices[i] = sums[i] / counts[i];
            total += indices[i];
        }
        for (int i = 0; i < period; i++) {
            indices[i] *= period / total;
        }
        return indices;
    }

    /** The values divided by their seasonal index. */
    public static double[] adjust(double[] values, double[] indices) {
        double[] adjusted = new double[values.length];
        for (int t = 0; t < values.length; t++) {
            adjusted[t] = values[t] / indices[t % indices.length];
        }
        return adjusted;
    }

    /** A forecast of the adjusted series, made seasonal again: step {@code h} follows a history of {@code n}. */
    public static double[] restore(double[] forecast, double[] indices, int n) {
        double[] restored = new double[forecast.length];
        for (int h = 0; h < forecast.length; h++) {
            restored[h] = forecast[h] * indices[(n + h) % indices.length];
        }
        return restored;
    }
}
