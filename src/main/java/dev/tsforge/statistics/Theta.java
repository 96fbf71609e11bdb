package dev.tsforge.statistics;

/**
 * The classic Theta method (Assimakopoulos and Nikolopoulos, 2000), as the M4 competition's benchmark computes it:
 * on the seasonally adjusted series, the average of its linear trend (theta line 0) and simple exponential smoothing
 * of the theta line 2 ({@code 2 y - trend}), made seasonal again. It won the M3 competition and is a strong, cheap
 * statistical forecast for a network to beat.
 */
public final class Theta {

    /** Fewer values give no trend to speak of. */
    public static final int MIN_HISTORY = 3;

    private Theta() {
    }

    /** Forecasts {@code horizon} steps after a history without missing values. */
    public static double[] forecast(double[] history, int horizon, int period) {
        return Fit.of(history, period).forecast(horizon);
    }

    /**
     * Mean squared one-step-ahead error of the fit over its own history, over the history's variance: comparable with
     * a network's loss on standardised values (1 is the error of forecasting the mean).
     */
    public static double inSampleLoss(double[] history, int period) {
        return Fit.of(history, period).inSampleLoss(history);
    }

    /** The fitted components: seasonal indices, trend line {@code a + b t} (t = 1..n), smoothing weight. */
    private record Fit(double[] indices, double[] adjusted, double intercept, double slope, double alpha) {

        static Fit of(double[] history, int period) {
            int n = history.length;
            if (n < MIN_HISTORY) {
                throw new IllegalArgumentException("Theta needs at least " + MIN_HISTORY + " values, got " + n);
            }
            double[] indices = Seasonality.indices(history, period);
            double[] adjusted = Seasonality.adjust(history, indices);
            double meanT = (n + 1) / 2.0;
            double meanY = 0;
            for (double value : adjusted) {
                meanY += value / n;
            }
            double covariance = 0;
            double variance = 0;
            for (int t = 1; t <= n; t++) {
                covariance += (t - meanT) * (adjusted[t - 1] - meanY);
                variance += (t - meanT) * (t - meanT);
            }
            double slope = covariance / variance;
            double intercept = meanY - slope * meanT;
            double[] thetaTwo = new double[n];
            for (int t = 1; t <= n; t++) {
                thetaTwo[t - 1] = 2 * adjusted[t - 1] - (intercept + slope * t);
            }
            return new Fit(indices, adjusted, intercept, slope, ExponentialSmoothing.fit(thetaTwo).alpha());
        }

        double[] forecast(int horizon) {
            int n = adjusted.length;
            double level = smoothedLevel(n);
            double[] forecast = new double[horizon];
            for (int h = 1; h <= horizon; h++) {
                forecast[h - 1] = 0.5 * level + 0.5 * (intercept + slope * (n + h));
            }
            return Seasonality.restore(forecast, indices, n);
        }

        /** SES level of theta line 2 after its first {@code count} values. */
        private double smoothedLevel(int count) {
            double level = 2 * adjusted[0] - (intercept + slope);
            for (int t = 2; t <= count; t++) {
                level += alpha * (2 * adjusted[t - 1] - (intercept + slope * t) - level);
            }
            return level;
        }

        double inSampleLoss(double[] history) {
            int n = history.length;
            double mean = 0;
            for (double value : history) {
                mean += value / n;
            }
            double squares = 0;
            double variance = 0;
            double level = 2 * adjusted[0] - (intercept + slope);
            for (int t = 2; t <= n; t++) {
                double fitted = (0.5 * level + 0.5 * (intercept + slope * t)) * indices[(t - 1) % indices.length];
                squares += (history[t - 1] - fitted) * (history[t - 1] - fitted);
                variance += (history[t - 1] - mean) * (history[t - 1] - mean);
                level += alpha * (2 * adjusted[t - 1] - (intercept + slope * t) - level);
            }
            return variance > 0 ? squares / variance : 0;
        }
    }
}
