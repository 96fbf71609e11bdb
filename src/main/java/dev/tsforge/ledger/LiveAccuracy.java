package dev.tsforge.ledger;

import java.time.Instant;
import java.util.List;

/**
 * How recorded forecasts did once their actuals arrived, over the window's scored steps.
 *
 * @param windowDays scored steps with targets this many days before the newest one are read
 * @param overall    every step of the window pooled (for a collection, over its members)
 * @param models     per series and model, with its drift evidence; newest model first
 */
public record LiveAccuracy(Long seriesId, String collection, int windowDays, Instant from, Instant to,
        Accuracy overall, List<Accuracy> models, int drifting) {

    /**
     * @param modelId null for a pooled result
     * @param seriesId null for a pooled result
     * @param byStep  per horizon step, the same measures (null in a collection's per-member list)
     * @param drift   the series' drift evidence under the model, or null before any was evaluated
     */
    public record Accuracy(Long seriesId, Long modelId, Scores model, Scores seasonalNaive, List<Step> byStep,
            Drift drift) {
    }

    public record Step(int step, Scores model, Scores seasonalNaive) {
    }
}
