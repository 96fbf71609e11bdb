package dev.tsforge.bench;

/**
 * The rolling origins of a series' coverage backtest: the last {@code folds} origins, {@code step} apart, each
 * followed by {@code horizon} actual values, the first one after {@code minTraining} values to refit on.
 */
record CoveragePlan(int folds, int step) {

    /**
     * As many folds as wanted, a horizon apart (so no actual value is counted twice) where the series is long enough;
     * else closer together, down to one step apart (overlapping folds count an actual value once per fold that
     * forecasts it); else fewer.
     *
     * @return null when not even one fold fits
     */
    static CoveragePlan of(int points, int minTraining, int horizon, int wantedFolds) {
        int spare = points - minTraining - horizon;
        if (spare < 0) {
            return null;
        }
        if (wantedFolds == 1) {
            return new CoveragePlan(1, horizon);
        }
        int step = Math.max(1, Math.min(horizon, spare / (wantedFolds - 1)));
        return new CoveragePlan(Math.min(wantedFolds, 1 + spare / step), step);
    }

    /** Values the series needs for this plan. */
    int requiredPoints(int minTraining, int horizon) {
        return minTraining + horizon + (folds - 1) * step;
    }
}
