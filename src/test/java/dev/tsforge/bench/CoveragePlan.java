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
        return of(points, minTraining, horizon, 1, wantedFolds);
    }

    /**
     * As above, with the step prime to the season length {@code period}, so that the origins fall in as many phases of
     * the season as there are folds: a horizon apart, a monthly series' origins (h = 18, m = 12) fell in two months
     * of the year, a quarterly one's (h = 8, m = 4) in one quarter, a half-hourly one's (h = m = 48) at one time of
     * day, and the coverage measured was that of those phases. The step grows past the horizon where the series has
     * room for every fold so, else shrinks (overlapping folds).
     */
    static CoveragePlan of(int points, int minTraining, int horizon, int period, int wantedFolds) {
        int spare = points - minTraining - horizon;
        if (spare < 0) {
            return null;
        }
        if (wantedFolds == 1) {
            return new CoveragePlan(1, horizon);
        }
        int widest = Math.max(1, spare / (wantedFolds - 1));
        int step = Math.max(1, Math.min(horizon, widest));
        if (period > 1) {
            int up = step;
            while (gcd(up, period) != 1 && up < widest) {
                up++;
            }
            int down = step;
            while (gcd(down, period) != 1) {
                down--;
            }
            step = gcd(up, period) == 1 ? up : down;
        }
        return new CoveragePlan(Math.min(wantedFolds, 1 + spare / step), step);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** Values the series needs for this plan. */
    int requiredPoints(int minTraining, int horizon) {
        return minTraining + horizon + (folds - 1) * step;
    }
}
