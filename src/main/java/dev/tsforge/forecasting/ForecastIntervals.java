package dev.tsforge.forecasting;

import dev.tsforge.evaluation.ConformalCalibration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The interval half-widths of a forecast at every requested level, each level by the first {@link IntervalMethod}
 * that the model's data allows: conformal per step, conformal pooled across steps, the input values' seasonal naive
 * residuals. Every level of every model gets intervals, whatever the series' length; only a history that gives no
 * error at all (fewer than three values without calibration) gets none.
 *
 * @param halfWidths per level, per step; NaN where no method applies
 */
public record ForecastIntervals(List<Forecast.IntervalSource> sources, double[][] halfWidths) {

    /**
     * @param calibration the model's calibration, or null (none, or a fallback forecast it does not describe)
     * @param history     the forecast's input values, for the residual intervals of last resort
     */
    public static ForecastIntervals of(ConformalCalibration calibration, double[] history, int seasonalPeriod,
            int horizon, List<Double> levels) {
        ResidualIntervals residuals = ResidualIntervals.of(history, seasonalPeriod);
        List<Forecast.IntervalSource> sources = new ArrayList<>(levels.size());
        // normalised errors are in units of the input's scale (1 for absolute ones)
        double scale = calibration == null ? 1 : calibration.scaleFor(history);
        double[][] halfWidths = new double[levels.size()][horizon];
        for (int l = 0; l < levels.size(); l++) {
            double level = levels.get(l);
            IntervalMethod method = method(calibration, residuals, horizon, level);
            // only where per-step errors fall short: it sorts every step's errors, which would cost more than a
            // network's forecast, for each member of a collection forecast
            double pooled = method == IntervalMethod.CONFORMAL_POOLED ? calibration.pooledQuantile(level) : Double.NaN;
            sources.add(new Forecast.IntervalSource(level, method));
            for (int i = 0; i < horizon; i++) {
                int step = i + 1;
                halfWidths[l][i] = method == null ? Double.NaN : switch (method) {
                    case CONFORMAL -> scale * calibration.halfWidth(step, level);
                    // per step where its errors suffice, pooled where they do not
                    case CONFORMAL_POOLED -> scale * (Double.isNaN(calibration.halfWidth(step, level))
                            ? pooled * Math.sqrt(step) : calibration.halfWidth(step, level));
                    case SEASONAL_NAIVE_RESIDUALS -> residuals.halfWidth(step, level);
                };
            }
        }
        return new ForecastIntervals(sources, halfWidths);
    }

    public boolean complete() {
        return sources.stream().allMatch(source -> source.method() != null);
    }

    /** The first method, best first, that gives every step an interval at the level; null when none does. */
    private static IntervalMethod method(ConformalCalibration calibration, ResidualIntervals residuals,
            int horizon, double level) {
        if (calibration != null && IntStream.rangeClosed(1, horizon)
                .allMatch(step -> !Double.isNaN(calibration.halfWidth(step, level)))) {
            return IntervalMethod.CONFORMAL;
        }
        if (calibration != null && !Double.isNaN(calibration.pooledQuantile(level))) {
            return IntervalMethod.CONFORMAL_POOLED;
        }
        return residuals == null ? null : IntervalMethod.SEASONAL_NAIVE_RESIDUALS;
    }
}
