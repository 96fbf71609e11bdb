package dev.tsforge.registry;

import dev.tsforge.evaluation.Accuracy;
import dev.tsforge.evaluation.HoldoutEvaluation;
import java.util.Locale;

/**
 * Whether a new model became its series' champion, and why, in words a user can check. A model is promoted only
 * when it beats seasonal naive and the current champion on the same holdout (by MAE); otherwise it stays a
 * challenger, which can still be promoted by hand. One exception: a statistical model (AUTO's choice on several
 * validation origins, seasonal naive among its candidates) becomes the champion of a series that has none even
 * when it does not beat seasonal naive on the one holdout window: it is a baseline-class forecast itself, and a
 * series AUTO was asked to forecast should have one.
 */
public record Promotion(boolean promoted, String reason) {

    /**
     * The champion's accuracy on the candidate's holdout, forecast from the same history; {@code accuracy} is
     * null when the champion cannot forecast it, and {@code unscored} then says why.
     */
    public record ChampionScore(long modelId, Accuracy accuracy, String unscored) {

        public ChampionScore(long modelId, Accuracy accuracy) {
            this(modelId, accuracy, null);
        }
    }

    static Promotion decide(HoldoutEvaluation candidate, ChampionScore champion, boolean statistical) {
        double mae = candidate.model().mae();
        String holdout = " on the " + candidate.horizon() + "-point holdout";
        if (!candidate.beatsSeasonalNaive() && statistical && champion == null) {
            return new Promotion(true, String.format(Locale.ROOT, "champion: a statistical method chosen by AUTO; "
                    + "MAE %.4g vs seasonal naive (period %d) %.4g%s, and the series had no "
                    + "champion", mae, candidate.seasonalPeriod(), candidate.seasonalNaive().mae(), holdout));
        }
        if (!candidate.beatsSeasonalNaive()) {
            return new Promotion(false, String.format(Locale.ROOT,
                    "challenger: MAE %.4g did not beat seasonal naive (period %d) %.4g%s", mae,
                    candidate.seasonalPeriod(), candidate.seasonalNaive().mae(), holdout));
        }
        String baseline = String.format(Locale.ROOT, "MAE %.4g beat seasonal naive %.4g", mae,
                candidate.seasonalNaive().mae());
        if (champion == null) {
            return new Promotion(true, "champion: " + baseline + holdout + "; the series had no champion");
        }
        if (champion.accuracy() == null) {
            return new Promotion(true, "champion: " + baseline + holdout + "; champion model " + champion.modelId()
                    + " could not forecast this holdout (" + champion.unscored() + ")");
        }
        if (mae < champion.accuracy().mae()) {
            return new Promotion(true, String.format(Locale.ROOT, "champion: %s and champion model %d (MAE %.4g)%s",
                    baseline, champion.modelId(), champion.accuracy().mae(), holdout));
        }
        return new Promotion(false, String.format(Locale.ROOT, "challenger: %s but not champion model %d (MAE %.4g)%s",
                baseline, champion.modelId(), champion.accuracy().mae(), holdout));
    }
}
