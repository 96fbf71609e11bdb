package dev.tsforge.statistics;

import dev.tsforge.statistics.EtsForm.Component;

/**
 * Starting values for the level, slope and seasonal states, found as forecast's {@code initstate} finds them: the
 * seasonal states from a classical decomposition of the series (from a regression on a line and one Fourier pair when
 * it has fewer than three periods), then the level and slope from a straight line through the first
 * {@code max(10, 2m)} seasonally adjusted values. The optimiser starts from here and moves them with the parameters.
 */
final class EtsInitialStates {

    private EtsInitialStates() {
    }

    /** Level, slope? and the m - 1 newest seasonal states, newest first (the oldest is implied by the others). */
    static double[] of(double[] y, EtsForm form, int m) {
        int n = y.length;
        double[] adjusted = y;
        double[] seasons = new double[0];
        if (form.hasSeason()) {
            boolean multiplicative = form.season() == Component.MULTIPLICATIVE;
            double[] seasonal = n < 3 * m ? detrended(y, m, multiplicative) : decomposition(y, m, multiplicative);
            seasons = new double[m - 1];
            for (int i = 0; i < m - 1; i++) {
                seasons[i] = seasonal[m - 1 - i];
            }
            adjusted = new double[n];
            if (multiplicative) {
                double sum = 0;
                for (int i = 0; i < m - 1; i++) {
                    seasons[i] = Math.max(seasons[i], 0.01);
                    sum += seasons[i];
                }
                if (sum > m) {
                    for (int i = 0; i < m - 1; i++) {
                        seasons[i] /= sum + 0.01 * (m - 1);
                    }
                }
                for (int t = 0; t < n; t++) {
                    adjusted[t] = y[t] / Math.max(seasonal[t], 0.01);
                }
            } else {
                for (int t = 0; t < n; t++) {
                    adjusted[t] = y[t] - seasonal[t];
                }
            }
        }
        int first = Math.min(Math.max(10, 2 * m), n);
        double[] states = new double[(form.hasTrend() ? 2 : 1) + seasons.length];
        System.arraycopy(seasons, 0, states, states.length - seasons.length, seasons.length);
        if (!form.hasTrend()) {
            double mean = 0;
            for (int t = 0; t < first; t++) {
                mean += adjusted[t] / first;
            }
            states[0] = mean;
            return states;
        }
        double[] line = line(adjusted, first);
        double intercept = line[0];
        double slope = line[1];
        if (form.trend() == Component.ADDITIVE) {
            if (Math.abs(intercept + slope) < 1e-8) {
                // a start of exactly zero would stall the additive recursion's first step
                intercept *= 1.001;
                slope *= 0.999;
            }
            states[0] = intercept;
            states[1] = slope;
            return states;
        }
        double level = intercept + slope;
        if (Math.abs(level) < 1e-8) {
            level = 1e-7;
        }
        double growth = (intercept + 2 * slope) / level;
        level /= growth;
        if (Math.abs(growth) > 1e10) {
            growth = Math.signum(growth) * 1e10;
        }
        if (level < 1e-8 || growth < 1e-8) {
            level = Math.max(adjusted[0], 1e-3);
            growth = Math.max(adjusted[1] / adjusted[0], 1e-3);
        }
        states[0] = level;
        states[1] = growth;
        return states;
    }

    /** Intercept and slope of the least-squares line through the first {@code count} values at times 1..count. */
    private static double[] line(double[] values, int count) {
        double meanT = (count + 1) / 2.0;
        double meanY = 0;
        for (int t = 0; t < count; t++) {
            meanY += values[t] / count;
        }
        double covariance = 0;
        double variance = 0;
        for (int t = 1; t <= count; t++) {
            covariance += (t - meanT) * (values[t - 1] - meanY);
            variance += (t - meanT) * (t - meanT);
        }
        double slope = covariance / variance;
        return new double[] {meanY - slope * meanT, slope};
    }

    /**
     * R's {@code decompose}: a centred moving average of one period as the trend, the seasonal figure as the mean
     * detrended value at each position of the period (counted from the first value), normalised to mean 0 (or 1).
     */
    static double[] decomposition(double[] y, int m, boolean multiplicative) {
        int n = y.length;
        double[] weights = new double[m % 2 == 0 ? m + 1 : m];
        java.util.Arrays.fill(weights, 1.0 / m);
        if (m % 2 == 0) {
            weights[0] = weights[m] = 0.5 / m;
        }
        int half = weights.length / 2;
        double[] sums = new double[m];
        int[] counts = new int[m];
        for (int t = half; t < n - half; t++) {
            double trend = 0;
            for (int k = 0; k < weights.length; k++) {
                trend += weights[k] * y[t - half + k];
            }
            sums[t % m] += multiplicative ? y[t] / trend : y[t] - trend;
            counts[t % m]++;
        }
        double[] figure = new double[m];
        double mean = 0;
        for (int i = 0; i < m; i++) {
            figure[i] = sums[i] / counts[i];
            mean += figure[i] / m;
        }
        double[] seasonal = new double[n];
        for (int t = 0; t < n; t++) {
            seasonal[t] = multiplicative ? figure[t % m] / mean : figure[t % m] - mean;
        }
        return seasonal;
    }

    /** With under three periods: what is left of the series after a line fitted together with one Fourier pair. */
    private static double[] detrended(double[] y, int m, boolean multiplicative) {
        int n = y.length;
        int columns = m == 2 ? 3 : 4; // with m = 2 the sine column is all zeros
        double[][] normal = new double[columns][columns + 1];
        double[] row = new double[columns];
        for (int t = 1; t <= n; t++) {
            row[0] = 1;
            row[1] = t;
            row[2] = Math.cos(2 * Math.PI * t / m);
            if (columns == 4) {
                row[3] = Math.sin(2 * Math.PI * t / m);
            }
            for (int i = 0; i < columns; i++) {
                for (int j = 0; j < columns; j++) {
                    normal[i][j] += row[i] * row[j];
                }
                normal[i][columns] += row[i] * y[t - 1];
            }
        }
        double[] coefficients = solve(normal);
        double[] seasonal = new double[n];
        for (int t = 1; t <= n; t++) {
            double trend = coefficients[0] + coefficients[1] * t;
            seasonal[t - 1] = multiplicative ? y[t - 1] / trend : y[t - 1] - trend;
        }
        return seasonal;
    }

    /** Gaussian elimination with partial pivoting on an augmented matrix. */
    private static double[] solve(double[][] a) {
        int k = a.length;
        for (int c = 0; c < k; c++) {
            int pivot = c;
            for (int r = c + 1; r < k; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] swap = a[c];
            a[c] = a[pivot];
            a[pivot] = swap;
            for (int r = c + 1; r < k; r++) {
                double factor = a[r][c] / a[c][c];
                for (int j = c; j <= k; j++) {
                    a[r][j] -= factor * a[c][j];
                }
            }
        }
        double[] x = new double[k];
        for (int r = k - 1; r >= 0; r--) {
            double sum = a[r][k];
            for (int j = r + 1; j < k; j++) {
                sum -= a[r][j] * x[j];
            }
            x[r] = sum / a[r][r];
        }
        return x;
    }
}
