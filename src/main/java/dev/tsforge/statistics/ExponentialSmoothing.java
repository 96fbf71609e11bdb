package dev.tsforge.statistics;

/**
 * Simple exponential smoothing with its smoothing weight fitted by least squares of the one-step errors.
 *
 * @param alpha the fitted weight of the newest value, in [0.0001, 0.9999]
 * @param level the smoothed level after the last value: the forecast for every step ahead
 */
public record ExponentialSmoothing(double alpha, double level) {

    private static final double LOW = 1e-4;
    private static final double HIGH = 1 - 1e-4;

    /**
     * Fits alpha by a coarse grid then golden-section search (the error is smooth in alpha but need not be convex);
     * the initial level is the first value, a simplification of R's {@code ses}, which fits it too.
     */
    public static ExponentialSmoothing fit(double[] values) {
        double best = LOW;
        double bestError = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= 20; i++) {
            double alpha = LOW + (HIGH - LOW) * i / 20;
            double error = squaredError(values, alpha);
            if (error < bestError) {
                bestError = error;
                best = alpha;
            }
        }
        double a = Math.max(LOW, best - (HIGH - LOW) / 20);
        double b = Math.min(HIGH, best + (HIGH - LOW) / 20);
        double golden = (Math.sqrt(5) - 1) / 2;
        for (int i = 0; i < 40; i++) {
            double c = b - golden * (b - a);
            double d = a + golden * (b - a);
            if (squaredError(values, c) < squaredError(values, d)) {
                b = d;
            } else {
                a = c;
            }
        }
        double alpha = (a + b) / 2;
        return new ExponentialSmoothing(alpha, level(values, alpha));
    }

    private static double squaredError(double[] values, double alpha) {
        double level = values[0];
        double sum = 0;
        for (int t = 1; t < values.length; t++) {
            double error = values[t] - level;
            sum += error * error;
            level += alpha * error;
        }
        return sum;
    }

    private static double level(double[] values, double alpha) {
        double level = values[0];
        for (int t = 1; t < values.length; t++) {
            level += alpha * (values[t] - level);
        }
        return level;
    }
}
