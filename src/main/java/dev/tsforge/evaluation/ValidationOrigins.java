package dev.tsforge.evaluation;

import java.util.Arrays;

/**
 * Rolling validation origins at the end of a run of values: {@code count} forecasts of {@code horizon} steps,
 * {@code stride} apart, the last one ending with the run; everything before the first origin is the fit part. Ten
 * origins one horizon apart on a long run (where they take at most half of it), five where the run allows, three
 * otherwise (closer together, overlapping, on a short run), fewer only when not even three fit: one lucky window must
 * not pick a model, and the more windows, the less luck. On a series shorter still (16 quarters
 * asked for 8), one window of at least half the horizon.
 *
 * @param fitLength values before the first origin
 * @param horizon   the steps each origin forecasts: the forecast horizon, or less on a very short series
 */
public record ValidationOrigins(int fitLength, int count, int stride, int horizon) {

    /** The fewest values before the first origin, on a series too short for {@link #PREFERRED_FIT}. */
    public static final int MIN_FIT = 4;
    /** Values before the first origin where the run allows: fewer give little level, trend or season to fit. */
    static final int PREFERRED_FIT = 8;
    static final int MOST = 10;
    static final int MANY = 5;
    static final int FEW = 3;

    /**
     * The origins a run of {@code length} values allows, or null when it cannot spare one {@code horizon}-step
     * window after {@link #MIN_FIT} values. The fit part keeps two seasons (up to half the run) and
     * {@link #PREFERRED_FIT} values so that seasonal methods see their season before the first origin; a very short
     * run (a 24-point yearly series less its holdout) makes do with {@link #MIN_FIT}.
     */
    public static ValidationOrigins plan(int length, int horizon, int seasonalPeriod) {
        int minFit = Math.max(PREFERRED_FIT, Math.min(2 * seasonalPeriod, length / 2));
        if (length - minFit < horizon) {
            minFit = MIN_FIT;
        }
        int room = length - minFit;
        if (room < horizon) {
            return room < shortestWindow(horizon) ? null : new ValidationOrigins(minFit, 1, room, room);
        }
        if (room >= 2 * MOST * horizon) {
            return new ValidationOrigins(length - MOST * horizon, MOST, horizon, horizon);
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

    /** The fewest steps a validation window may have: half the horizon. */
    public static int shortestWindow(int horizon) {
        return (horizon + 1) / 2;
    }

    /** Values a run needs for one validation origin. */
    public static int minimumLength(int horizon) {
        return MIN_FIT + shortestWindow(horizon);
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
        return Arrays.stream(perOrigin(run, forecasts, seasonalPeriod)).filter(m -> !Double.isNaN(m)).average()
                .orElse(Double.NaN);
    }

    /** The MASE at each origin (NaN where none of its actual values is observed), scaled as {@link #mase}. */
    public double[] perOrigin(double[] run, double[][] forecasts, int seasonalPeriod) {
        double[] fit = Arrays.copyOf(run, fitLength);
        double scale = Accuracy.maseScale(fit, seasonalPeriod < fitLength ? seasonalPeriod : 1);
        if (!(scale > 0)) {
            scale = 1;
        }
        double[] mase = new double[count];
        for (int o = 0; o < count; o++) {
            double[] actual = Arrays.copyOfRange(run, origin(o), origin(o) + horizon);
            mase[o] = Accuracy.observed(actual) == 0 ? Double.NaN : Accuracy.of(actual, forecasts[o], scale).mae() / scale;
        }
        return mase;
    }

    /**
     * How clearly {@code challenger} beats {@code incumbent} over the origins: the mean of their paired MASE
     * differences (incumbent less challenger) over its standard error; 0 when fewer than two origins are scored,
     * infinite when every difference is the same positive number.
     */
    public double advantage(double[] run, double[][] challenger, double[][] incumbent, int seasonalPeriod) {
        double[] a = perOrigin(run, challenger, seasonalPeriod);
        double[] b = perOrigin(run, incumbent, seasonalPeriod);
        double[] d = java.util.stream.IntStream.range(0, count).filter(o -> !Double.isNaN(a[o]) && !Double.isNaN(b[o]))
                .mapToDouble(o -> b[o] - a[o]).toArray();
        if (d.length < 2) {
            return 0;
        }
        double mean = Arrays.stream(d).average().orElseThrow();
        double variance = Arrays.stream(d).map(x -> (x - mean) * (x - mean)).sum() / (d.length - 1);
        double standardError = Math.sqrt(variance / d.length);
        return standardError == 0 ? (mean > 0 ? Double.POSITIVE_INFINITY : 0) : mean / standardError;
    }
}
