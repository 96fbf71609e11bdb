package dev.tsforge.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores the folds of a rolling-origin backtest, with or without refitting: each fold's forecast beside naive
 * and seasonal naive from the same history, the coverage of its intervals, and the mean over folds.
 */
public final class BacktestScoring {

    private final List<Double> levels;
    private final int seasonalPeriod;
    private final List<Backtest.Fold> folds = new ArrayList<>();
    /** Per level: actual values inside the interval, and values checked, over all folds. */
    private final Map<String, int[]> inside = new LinkedHashMap<>();

    public BacktestScoring(List<Double> levels, int seasonalPeriod) {
        this.levels = List.copyOf(levels);
        this.seasonalPeriod = seasonalPeriod;
    }

    /**
     * @param actual     NaN where a value is missing (MASK policy): left out of every measure
     * @param halfWidths the intervals served with {@code forecast}: per level (in this scoring's order), per step, the
     *                   half-width; NaN where there is none
     * @return the fold, or null when none of its actual values is observed (it is skipped)
     */
    public Backtest.Fold add(Instant origin, boolean seenInTraining, double[] history, double[] actual,
            double[] forecast, double[][] halfWidths) {
        int h = Accuracy.observed(actual);
        if (h == 0) {
            return null;
        }
        int period = seasonalPeriod < history.length ? seasonalPeriod : 1;
        double scale = Accuracy.maseScale(history, period);
        Map<String, Double> coverage = new LinkedHashMap<>();
        for (int l = 0; l < levels.size(); l++) {
            double level = levels.get(l);
            int[] hits = coverage(halfWidths[l], actual, forecast);
            coverage.put(label(level), hits == null ? null : (double) hits[0] / h);
            if (hits != null) {
                inside.merge(label(level), hits, (a, b) -> new int[] {a[0] + b[0], a[1] + b[1]});
            }
        }
        Backtest.Fold fold = new Backtest.Fold(folds.size() + 1, origin, seenInTraining,
                Accuracy.of(actual, forecast, scale), Accuracy.of(actual, Baselines.naive(history, h), scale),
                Accuracy.of(actual, Baselines.seasonalNaive(history, h, period), scale), coverage);
        folds.add(fold);
        return fold;
    }

    public Backtest result(long seriesId, Long modelId, int horizon, int step, boolean refit) {
        Accuracy model = mean(folds.stream().map(Backtest.Fold::model).toList());
        Accuracy naive = mean(folds.stream().map(Backtest.Fold::naive).toList());
        Accuracy seasonal = mean(folds.stream().map(Backtest.Fold::seasonalNaive).toList());
        Map<String, Double> coverage = new LinkedHashMap<>();
        for (double level : levels) {
            int[] hits = inside.get(label(level));
            coverage.put(label(level), hits == null ? null : (double) hits[0] / hits[1]);
        }
        return new Backtest(seriesId, modelId, folds.size(), horizon, step, refit, seasonalPeriod, levels,
                List.copyOf(folds), new Backtest.Summary(model, naive, seasonal, coverage,
                        model.mae() < naive.mae(), model.mae() < seasonal.mae()));
    }

    /** Hits and checks of one fold at one level, or null when the model has no interval for every step. */
    private static int[] coverage(double[] halfWidths, double[] actual, double[] forecast) {
        int hits = 0;
        int checked = 0;
        for (int k = 0; k < actual.length; k++) {
            double half = halfWidths[k];
            if (Double.isNaN(half)) {
                return null;
            }
            if (!Double.isNaN(actual[k])) {
                hits += Math.abs(actual[k] - forecast[k]) <= half ? 1 : 0;
                checked++;
            }
        }
        return new int[] {hits, checked};
    }

    private static String label(double level) {
        return level == Math.rint(level) ? String.valueOf((long) level) : String.format(Locale.ROOT, "%s", level);
    }

    private static Accuracy mean(List<Accuracy> folds) {
        double mae = folds.stream().mapToDouble(Accuracy::mae).average().orElse(Double.NaN);
        double rmse = folds.stream().mapToDouble(Accuracy::rmse).average().orElse(Double.NaN);
        double smape = folds.stream().mapToDouble(Accuracy::smape).average().orElse(Double.NaN);
        boolean allMase = folds.stream().allMatch(a -> a.mase() != null);
        Double mase = allMase ? folds.stream().mapToDouble(Accuracy::mase).average().orElse(Double.NaN) : null;
        return new Accuracy(mae, rmse, smape, mase);
    }
}
