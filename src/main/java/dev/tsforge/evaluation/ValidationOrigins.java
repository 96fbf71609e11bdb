package dev.tsforge.evaluation;

import java.util.Arrays;

/**
 * Rolling validation origins at the end of a run of values: {@code count} forecasts of {@code horizon} steps,
 * {@code stride} apart, the last one ending with the run; everything before the first origin is the fit part. Five
 * origins one horizon apart where the run allows, three otherwise (closer together, overlapping, on a short run),
 * fewer only when not even three fit: one lucky window must not pick a model.
 *
 * @param fitLength values before the first origin
 */
public record ValidationOrigins(int fitLength, int count, int stride, int horizon) {

    /** The fewest values before the first origin: fewer give no level, trend or season to fit. */
    public static final int MIN_FIT = 8;
    static final int MANY = 5;
    static final int FEW = 3;

    /**
     * The origins a run of {@code length} values allows, or null when it cannot spare one {@code horizon}-step
     * window after {@link #MIN_FIT} values. The fit part keeps two seasons (up to half the run) so that seasonal
     * methods see their season before the first origin.
     */
    public static ValidationOrigins plan(int length, int horizon, int seasonalPeriod) {
        int minFit = Math.max(MIN_FIT, Math.min(2 * seasonalPeriod, length / 2));
        int room = length - minFit;
        if (room < horizon) {
            return null;
        }
        if (room >= MANY * horizon) {
            return new ValidationOrigins(length - MANY * horizon, MANY, horizon, horizon);
        }
        if (room >= FEW * horizon) {
            return new ValidationOrigins(length - FEW * horizon, FEW, horizon, horizon);
        }
        int spare = room - horizon;
        int count = Math.min(FEW, spare + 1);
        int stride = count == 1 ? horizon : spare / (count - 1);
        return new ValidationOrigins(length - ((count - 1) * stride + horizon), count, stride, horizon);
    }

    /** The index of origin {@code o} (from 0): the first value forecast. */
    public int origin(int o) {
        return fitLength + o * stride;
    }

    /**
     * Mean MASE over the origins, each scaled by the seasonal naive in-sample error of the fit part (the MAE where
     * that scale is 0), leaving out missing actual values.
     *
     * @param forecasts per origin, {@code horizon} values
     */
    public double mase(double[] run, double[][] forecasts, int seasonalPeriod) {
        double[] fit = Arrays.copyOf(run, fitLength);
        double scale = Accuracy.maseScale(fit, seasonalPeriod < fitLength ? seasonalPeriod : 1);
        if (!(scale > 0)) {
            scale = 1;
        }
        double sum = 0;
        int scored = 0;
        for (int o = 0; o < count; o++) {
            double[] actual = Arrays.copyOfRange(run, origin(o), origin(o) + horizon);
            if (Accuracy.observed(actual) > 0) {
                sum += Accuracy.of(actual, forecasts[o], scale).mae() / scale;
                scored++;
            }
        }
        return scored == 0 ? Double.NaN : sum / scored;
    }
}
