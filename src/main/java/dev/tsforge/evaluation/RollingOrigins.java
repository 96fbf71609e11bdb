package dev.tsforge.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

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
        return calibrate(values, firstOrigin, horizon, forecaster, () -> false);
    }

    /**
     * As {@link #calibrate(double[], int, int, BiFunction)}, newest origin first, stopping once {@code outOfTime}
     * says so: a model refitted at each origin (a statistical one) on a long series can cost more than a training's
     * budget leaves, and the newest errors are the ones most like the next.
     */
    public static ConformalCalibration calibrate(double[] values, int firstOrigin, int horizon,
            BiFunction<double[], Integer, double[]> forecaster, BooleanSupplier outOfTime) {
        return calibrate(values, firstOrigin, horizon, forecaster, outOfTime, 0);
    }

    /**
     * As {@link #calibrate(double[], int, int, BiFunction, BooleanSupplier)}, each origin's errors normalised by the
     * scale of the newest {@code scaleWindow} values before it (absolute errors when 0): see
     * {@link ConformalCalibration}.
     */
    public static ConformalCalibration calibrate(double[] values, int firstOrigin, int horizon,
            BiFunction<double[], Integer, double[]> forecaster, BooleanSupplier outOfTime, int scaleWindow) {
        return calibrate(values, firstOrigin, horizon, forecaster, outOfTime, scaleWindow, Integer.MAX_VALUE);
    }

    /**
     * As {@link #calibrate(double[], int, int, BiFunction, BooleanSupplier, int)} from at most {@code maxOrigins}
     * origins: where the range holds more, that many spread evenly over it, the newest and the first included, newest
     * first. Origins one step apart forecast mostly the same values, so a run of them says little more than one does;
     * spread, the same number of forecasts sample the errors the series makes at other times (another weekday of a
     * half-hourly series, another phase of a cycle).
     */
    public static ConformalCalibration calibrate(double[] values, int firstOrigin, int horizon,
            BiFunction<double[], Integer, double[]> forecaster, BooleanSupplier outOfTime, int scaleWindow,
            int maxOrigins) {
        List<double[]> actual = new ArrayList<>();
        List<double[]> forecast = new ArrayList<>();
        List<double[]> inputs = new ArrayList<>();
        for (int origin : origins(Math.max(1, firstOrigin), values.length - horizon, maxOrigins)) {
            if (outOfTime.getAsBoolean()) {
                break;
            }
            if (Double.isNaN(values[origin - 1])) {
                // MASK: a forecast starts from an observed value, as at serving time
                continue;
            }
            actual.add(Arrays.copyOfRange(values, origin, origin + horizon));
            forecast.add(forecaster.apply(Arrays.copyOf(values, origin), horizon));
            inputs.add(Arrays.copyOfRange(values, Math.max(0, origin - scaleWindow), origin));
        }
        return scaleWindow == 0 ? ConformalCalibration.of(actual, forecast)
                : ConformalCalibration.normalised(actual, forecast, inputs, scaleWindow);
    }

    /**
     * The origins {@link #calibrate(double[], int, int, BiFunction, BooleanSupplier, int, int)} forecasts from, newest
     * first: every one of {@code [first, newest]}, or {@code maxOrigins} of them spread evenly over it, the newest and
     * {@code first} included.
     */
    public static int[] origins(int first, int newest, int maxOrigins) {
        int eligible = Math.max(0, newest - first + 1);
        int count = Math.min(eligible, maxOrigins);
        int[] origins = new int[count];
        for (int i = 0; i < count; i++) {
            origins[i] = count == eligible || count == 1 ? newest - i
                    : newest - (int) Math.round(i * (eligible - 1.0) / (count - 1));
        }
        return origins;
    }
}
