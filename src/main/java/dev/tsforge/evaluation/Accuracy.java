package dev.tsforge.evaluation;

/**
 * Point-forecast accuracy on one holdout.
 *
 * @param mae   mean absolute error, in the series' units
 * @param rmse  root mean squared error, in the series' units
 * @param smape symmetric MAPE in percent, as in the M4 competition: {@code mean(200 |y - f| / (|y| + |f|))},
 *              a term with {@code y = f = 0} counting 0
 * @param mase  MAE scaled by the in-sample MAE of the seasonal naive forecast on the training data (null when that
 *              scale is 0 or undefined: a constant or too short history)
 */
public record Accuracy(double mae, double rmse, double smape, Double mase) {

    /**
     * @param actual NaN where a value is missing (MASK gap policy): such steps are left out
     * @throws IllegalArgumentException when no actual value is observed
     */
    public static Accuracy of(double[] actual, double[] forecast, double scale) {
        if (actual.length != forecast.length) {
            throw new IllegalArgumentException("actual and forecast must have the same length");
        }
        int observed = observed(actual);
        if (observed == 0) {
            throw new IllegalArgumentException("no observed actual value to measure against");
        }
        double absolute = 0;
        double squared = 0;
        double symmetric = 0;
        for (int i = 0; i < actual.length; i++) {
            if (Double.isNaN(actual[i])) {
                continue;
            }
            double error = actual[i] - forecast[i];
            absolute += Math.abs(error);
            squared += error * error;
            double denominator = Math.abs(actual[i]) + Math.abs(forecast[i]);
            symmetric += denominator == 0 ? 0 : 200 * Math.abs(error) / denominator;
        }
        double mae = absolute / observed;
        return new Accuracy(mae, Math.sqrt(squared / observed), symmetric / observed, scale > 0 ? mae / scale : null);
    }

    /** Values that are not NaN (not missing). */
    public static int observed(double[] values) {
        int observed = 0;
        for (double value : values) {
            observed += Double.isNaN(value) ? 0 : 1;
        }
        return observed;
    }

    /**
     * The MASE denominator: mean absolute difference between each training value and the one a season before
     * ({@code period} 1 gives the naive one-step differences); pairs with a missing value are left out.
     */
    public static double maseScale(double[] training, int period) {
        double sum = 0;
        int pairs = 0;
        for (int i = period; i < training.length; i++) {
            double difference = Math.abs(training[i] - training[i - period]);
            // a pair with a missing value (NaN) tells nothing
            if (!Double.isNaN(difference)) {
                sum += difference;
                pairs++;
            }
        }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }
}
