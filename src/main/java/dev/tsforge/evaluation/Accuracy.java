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

    public static Accuracy of(double[] actual, double[] forecast, double scale) {
        if (actual.length != forecast.length || actual.length == 0) {
            throw new IllegalArgumentException("actual and forecast must have the same, non-zero length");
        }
        double absolute = 0;
        double squared = 0;
        double symmetric = 0;
        for (int i = 0; i < actual.length; i++) {
            double error = actual[i] - forecast[i];
            absolute += Math.abs(error);
            squared += error * error;
            double denominator = Math.abs(actual[i]) + Math.abs(forecast[i]);
            symmetric += denominator == 0 ? 0 : 200 * Math.abs(error) / denominator;
        }
        double mae = absolute / actual.length;
        return new Accuracy(mae, Math.sqrt(squared / actual.length), symmetric / actual.length,
                scale > 0 ? mae / scale : null);
    }

    /**
     * The MASE denominator: mean absolute difference between each training value and the one a season before
     * ({@code period} 1 gives the naive one-step differences).
     */
    public static double maseScale(double[] training, int period) {
        if (training.length <= period) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = period; i < training.length; i++) {
            sum += Math.abs(training[i] - training[i - period]);
        }
        return sum / (training.length - period);
    }
}
