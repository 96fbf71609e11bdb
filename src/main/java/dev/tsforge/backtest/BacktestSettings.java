package dev.tsforge.backtest;

import java.util.List;

/**
 * What a refitting backtest does: {@code folds} origins, {@code step} apart, the last ones of the series, each
 * followed by {@code horizon} actual values; intervals measured at {@code levels}.
 *
 * @param modelId the model whose spec is refitted, or null for a spec given with the request
 */
public record BacktestSettings(int folds, int horizon, int step, List<Double> levels, Long modelId) {

    /** Points the series needs: the first fold's history must train the spec, and the folds must follow it. */
    public int requiredPoints(int minimumTrainingPoints) {
        return minimumTrainingPoints + horizon + (folds - 1) * step;
    }
}
