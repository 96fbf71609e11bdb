package dev.tsforge.forecasting;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Normal prediction intervals from the in-sample errors of seasonal naive on the input values (naive where they
 * hold less than two seasons), widened like seasonal naive's own: by the square root of the seasons ahead. The
 * intervals of last resort: they need nothing but the input values.
 */
final class ResidualIntervals {

    private static final NormalDistribution NORMAL = new NormalDistribution();

    private final double sigma;
    private final int period;

    private ResidualIntervals(double sigma, int period) {
        this.sigma = sigma;
        this.period = period;
    }

    /** Null when the values give no error to measure (fewer than two observed pairs). */
    static ResidualIntervals of(double[] history, int seasonalPeriod) {
        int period = seasonalPeriod > 1 && 2 * seasonalPeriod <= history.length ? seasonalPeriod : 1;
        double squares = 0;
        int pairs = 0;
        for (int t = period; t < history.length; t++) {
            double error = history[t] - history[t - period];
            if (!Double.isNaN(error)) {
                squares += error * error;
                pairs++;
            }
        }
        return pairs < 2 ? null : new ResidualIntervals(Math.sqrt(squares / pairs), period);
    }

    double halfWidth(int step, double levelPercent) {
        double z = NORMAL.inverseCumulativeProbability(0.5 + levelPercent / 200.0);
        int seasonsAhead = (step - 1) / period + 1;
        double spread = period == 1 ? Math.sqrt(step) : Math.sqrt(seasonsAhead);
        return z * sigma * spread;
    }
}
