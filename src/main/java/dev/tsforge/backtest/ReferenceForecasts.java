package dev.tsforge.backtest;

import dev.tsforge.evaluation.Baselines;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.statistics.Ets;
import dev.tsforge.statistics.Gaps;
import dev.tsforge.statistics.Theta;

/**
 * The statistical references of a panel backtest, refitted on a member's history before each origin as AUTO scores
 * them: ETS and Theta read the member's recent values (AUTO's statistical lookback), the naive methods its last value
 * or season, Naive2 its whole history.
 */
final class ReferenceForecasts {

    private ReferenceForecasts() {
    }

    /**
     * @param history gap-free values before the origin
     * @throws IllegalArgumentException when the method cannot forecast from this history
     */
    static double[] forecast(PanelMethod method, double[] history, int horizon, int seasonalPeriod) {
        int period = seasonalPeriod < history.length ? seasonalPeriod : 1;
        return switch (method) {
            case NAIVE -> Baselines.naive(history, horizon);
            case SEASONAL_NAIVE -> Baselines.seasonalNaive(history, horizon, period);
            case NAIVE2 -> Baselines.naive2(history, horizon, period);
            case ETS -> {
                double[] window = recent(history, period);
                yield Ets.select(window, period < window.length ? period : 1).forecast(horizon);
            }
            case THETA -> {
                double[] window = recent(history, period);
                yield Theta.forecast(window, horizon, period < window.length ? period : 1);
            }
            case GLOBAL, LOCAL, AUTO -> throw new IllegalArgumentException(method + " is fitted by the runner, not "
                    + "a statistical reference");
        };
    }

    private static double[] recent(double[] history, int period) {
        return Gaps.lastFilled(history, history.length,
                StatisticalSpec.recentLookback(period, history.length));
    }
}
