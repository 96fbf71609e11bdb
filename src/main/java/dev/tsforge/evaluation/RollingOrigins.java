package dev.tsforge.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

/** Forecasts a run of values from every origin in a range, for calibration and backtests. */
public final class RollingOrigins {

    private RollingOrigins() {
    }

    /**
     * Forecasts {@code horizon} steps from each origin {@code o} in {@code [firstOrigin, values.length - horizon]}
     * (the history is {@code values[0, o)}) and collects the actual values beside the forecasts.
     *
     * @param forecaster history and horizon to forecast
     */
    public static ConformalCalibration calibrate(double[] values, int firstOrigin, int horizon,
            BiFunction<double[], Integer, double[]> forecaster) {
        List<double[]> actual = new ArrayList<>();
        List<double[]> forecast = new ArrayList<>();
        for (int origin = Math.max(1, firstOrigin); origin + horizon <= values.length; origin++) {
            if (Double.isNaN(values[origin - 1])) {
                // MASK: a forecast starts from an observed value, as at serving time
                continue;
            }
            actual.add(Arrays.copyOfRange(values, origin, origin + horizon));
            forecast.add(forecaster.apply(Arrays.copyOf(values, origin), horizon));
        }
        return ConformalCalibration.of(actual, forecast);
    }
}
