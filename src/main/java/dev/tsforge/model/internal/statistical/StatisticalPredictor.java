package dev.tsforge.model.internal.statistical;

import dev.tsforge.evaluation.Baselines;
import dev.tsforge.model.History;
import dev.tsforge.model.Predictor;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.model.StatisticalSpec.Method;
import dev.tsforge.statistics.Arima;
import dev.tsforge.statistics.ArimaOrder;
import dev.tsforge.statistics.Ets;
import dev.tsforge.statistics.EtsForm;
import dev.tsforge.statistics.Gaps;
import dev.tsforge.statistics.StlArima;
import dev.tsforge.statistics.StlEts;
import dev.tsforge.statistics.Theta;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link StatisticalSpec statistical model}: each of its methods fitted afresh on the last {@code lookback} values
 * (ARIMA on its own lookback where the spec has one) of each history it is given (fewer when the history is shorter,
 * down to {@link #MIN_HISTORY}), so that seasons and levels line up with the history's own end; a combination takes
 * the median of its members step by step (the mean of two). A value: it holds nothing but the spec and the season
 * length, so it is safe to share.
 *
 * @param seasonalPeriod the series' season length, 1 for none
 */
record StatisticalPredictor(StatisticalSpec spec, int seasonalPeriod) implements Predictor {

    /**
     * How long choosing a new ARIMA order may take where the stored one no longer fits: this runs inside a forecast
     * request, and the search on a long seasonal history can take far longer.
     */
    static final Duration ORDER_SEARCH_LIMIT = Duration.ofSeconds(1);

    /** Fewer values give no level and trend to speak of. */
    static final int MIN_HISTORY = StatisticalSpec.MIN_HISTORY;

    /** The window most methods read; ARIMA may read more of a longer history, and fewer values will do. */
    @Override
    public int lookback() {
        return spec.lookback();
    }

    @Override
    public int outputSteps() {
        return spec.outputSteps();
    }

    @Override
    public boolean runsInParallel() {
        return true;
    }

    @Override
    public int minimumHistory() {
        return MIN_HISTORY;
    }

    @Override
    public double[] forecast(History history, int horizon) {
        double[] values = history.values();
        List<double[]> members = spec.methods().stream()
                .map(method -> forecast(method, window(values, spec.lookback(method)), horizon)).toList();
        return StatisticalSpec.combine(members, horizon);
    }

    /** Mean squared one-step-ahead error over the history's variance, of the Theta method (the cheap yardstick). */
    double inSampleLoss(double[] history) {
        double[] window = window(history, spec.lookback());
        return Theta.inSampleLoss(window, period(window));
    }

    private double[] forecast(Method method, double[] window, int horizon) {
        int period = period(window);
        return switch (method) {
            case NAIVE -> Baselines.naive(window, horizon);
            case SEASONAL_NAIVE -> Baselines.seasonalNaive(window, horizon, period);
            case WEEKLY_NAIVE -> weeklyNaive(window, horizon, period);
            case THETA -> Theta.forecast(window, horizon, period);
            case ETS -> ets(window, horizon, period);
            case STL_ETS -> stlEts(window, horizon, period);
            // a week of a season that is a day; none without a season
            case MSTL_ETS -> seasonalPeriod > 1 ? stlEts(window, horizon, period, StatisticalSpec.week(seasonalPeriod))
                    : stlEts(window, horizon, period);
            case ARIMA -> ordered(order -> Arima.fit(window, period, order).forecast(horizon),
                    limit -> Arima.select(window, period, limit).forecast(horizon), window, horizon, period);
            case STL_ARIMA -> ordered(order -> StlArima.forecast(window, period, horizon, order),
                    limit -> StlArima.forecast(window, period, horizon, limit), window, horizon, period);
        };
    }

    /** The value a week before; from a history shorter than a week, the value a season before, as seasonal naive. */
    private double[] weeklyNaive(double[] window, int horizon, int period) {
        int week = StatisticalSpec.week(seasonalPeriod);
        return Baselines.seasonalNaive(window, horizon, week <= window.length ? week : period);
    }

    /**
     * ARIMA or STL_ARIMA: the stored order refitted ({@code kept}); the order chosen now ({@code searched}) where there
     * is none or it no longer fits, within the search's limit (a forecast request waits for it); the Theta method
     * where none fits.
     */
    private double[] ordered(Function<ArimaOrder, double[]> kept, Function<Duration, double[]> searched,
            double[] window, int horizon, int period) {
        if (spec.arimaOrder() != null) {
            try {
                return kept.apply(ArimaOrder.parse(spec.arimaOrder()));
            } catch (IllegalArgumentException | IllegalStateException orderUnfit) {
                // chosen again below
            }
        }
        try {
            return searched.apply(ORDER_SEARCH_LIMIT);
        } catch (IllegalArgumentException | IllegalStateException noneFits) {
            return Theta.forecast(window, horizon, period);
        }
    }

    /**
     * The stored form refitted; where the history no longer allows it (a multiplicative form after a zero, a history
     * too short for its parameters), the form AICc chooses now, and the Theta method when none fits.
     */
    private double[] ets(double[] window, int horizon, int period) {
        try {
            return Ets.fit(window, period, EtsForm.parse(spec.etsForm())).forecast(horizon);
        } catch (IllegalArgumentException formUnfit) {
            try {
                return Ets.select(window, period).forecast(horizon);
            } catch (IllegalArgumentException noneFits) {
                return Theta.forecast(window, horizon, period);
            }
        }
    }

    /**
     * Refitted on the window, its ETS form chosen again, each season kept where the window holds more than two of its
     * cycles; the Theta method where no ETS fits.
     */
    private static double[] stlEts(double[] window, int horizon, int... periods) {
        try {
            return StlEts.forecast(window, periods, horizon);
        } catch (IllegalArgumentException noneFits) {
            return Theta.forecast(window, horizon, periods[0]);
        }
    }

    /** The last {@code lookback} values, missing ones (NaN, MASK policy) filled linearly: the methods need them all. */
    private static double[] window(double[] history, int lookback) {
        if (history.length < MIN_HISTORY) {
            throw new IllegalArgumentException("Need " + MIN_HISTORY + " values, got " + history.length);
        }
        return Gaps.lastFilled(history, history.length, lookback);
    }

    /** A season longer than the window is none (Seasonality also wants three of them). */
    private int period(double[] window) {
        return seasonalPeriod < window.length ? seasonalPeriod : 1;
    }
}
