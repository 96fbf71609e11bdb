package dev.tsforge.evaluation;

/**
 * How good prediction intervals are, as in the M4 competition: the share of actual values inside them, and the
 * mean scaled interval score (MSIS), which charges the width of the interval plus {@code 2 / alpha} times each
 * miss, scaled like MASE. Lower MSIS is better; an interval that is too narrow or too wide both cost.
 *
 * @param coverage share of observed actual values within [lower, upper], 0 to 1
 * @param msis     mean scaled interval score; null when the scale is 0 or undefined
 */
public record IntervalScore(double coverage, Double msis) {

    /**
     * @param actual NaN where a value is missing: left out
     * @param level  the intervals' nominal level in percent, e.g. 95 (alpha = 0.05)
     * @param scale  the MASE denominator of the series ({@link Accuracy#maseScale})
     */
    public static IntervalScore of(double[] actual, double[] lower, double[] upper, double level, double scale) {
        if (actual.length != lower.length || actual.length != upper.length) {
            throw new IllegalArgumentException("actual and bounds must have the same length");
        }
        double alpha = 1 - level / 100;
        int observed = 0;
        int inside = 0;
        double score = 0;
        for (int i = 0; i < actual.length; i++) {
            double y = actual[i];
            if (Double.isNaN(y)) {
                continue;
            }
            observed++;
            inside += y >= lower[i] && y <= upper[i] ? 1 : 0;
            score += upper[i] - lower[i];
            score += y < lower[i] ? 2 / alpha * (lower[i] - y) : 0;
            score += y > upper[i] ? 2 / alpha * (y - upper[i]) : 0;
        }
        if (observed == 0) {
            throw new IllegalArgumentException("no observed actual value to measure against");
        }
        return new IntervalScore((double) inside / observed, scale > 0 ? score / observed / scale : null);
    }
}
