package dev.tsforge.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rolling-origin evaluation of a model on its series: at each fold's origin the model forecasts the next
 * {@code horizon} points from the history before it, beside naive and seasonal naive from the same history.
 *
 * @param modelId   the model tested, or whose spec was refitted; null for a spec sent with the request
 * @param refit     true: a new model was trained on each fold's history; false: the model as trained
 * @param aggregate mean of the fold metrics, and coverage over all folds' steps
 */
public record Backtest(long seriesId, Long modelId, int folds, int horizon, int step, boolean refit,
        int seasonalPeriod, List<Double> levels, List<Fold> foldResults, Summary aggregate) {

    /**
     * @param seenInTraining the fold's values were part of the model's training data (before its holdout), so its
     *                       errors there are optimistic
     * @param coverage       per level, the share of actual values inside the prediction interval (null when the
     *                       model has no interval at that level)
     */
    public record Fold(int fold, Instant origin, boolean seenInTraining, Accuracy model, Accuracy naive,
            Accuracy seasonalNaive, Map<String, Double> coverage) {
    }

    public record Summary(Accuracy model, Accuracy naive, Accuracy seasonalNaive, Map<String, Double> coverage,
            boolean beatsNaive, boolean beatsSeasonalNaive) {
    }
}
