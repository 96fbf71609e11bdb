package dev.tsforge.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A model's accuracy on the last {@code horizon} points of a series, which it did not see in training, beside the
 * naive and seasonal-naive forecasts made from the same history. MASE of all three uses the same scale, so they
 * compare directly.
 *
 * @param beatsNaive         the model's MAE is lower than the naive forecast's
 * @param beatsSeasonalNaive the model's MAE is lower than the seasonal naive forecast's
 * @param covariateEffects   of a model reading covariate series, what each did on the holdout (permutation check);
 *                           empty for others, and for every model from before them
 */
public record HoldoutEvaluation(int horizon, int seasonalPeriod, Accuracy model, Accuracy naive,
        Accuracy seasonalNaive, boolean beatsNaive, boolean beatsSeasonalNaive,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CovariateEffect> covariateEffects) {

    public HoldoutEvaluation {
        covariateEffects = covariateEffects == null ? List.of() : List.copyOf(covariateEffects);
    }

    public HoldoutEvaluation(int horizon, int seasonalPeriod, Accuracy model, Accuracy naive, Accuracy seasonalNaive,
            boolean beatsNaive, boolean beatsSeasonalNaive) {
        this(horizon, seasonalPeriod, model, naive, seasonalNaive, beatsNaive, beatsSeasonalNaive, List.of());
    }

    /**
     * The holdout MAE of a model with one covariate's values shuffled in time (its distribution kept, its relation
     * to the target broken) beside the model's own: the larger {@code permutedMae} is than {@code mae}, the more the
     * model leaned on it.
     */
    public record CovariateEffect(String covariate, String kind, double mae, double permutedMae) {
    }

    public HoldoutEvaluation withCovariateEffects(List<CovariateEffect> effects) {
        return new HoldoutEvaluation(horizon, seasonalPeriod, model, naive, seasonalNaive, beatsNaive,
                beatsSeasonalNaive, effects);
    }

    /**
     * @param training values before the holdout (what the model and the baselines may see)
     * @param actual   the holdout
     * @param forecast the model's forecast of the holdout
     */
    public static HoldoutEvaluation of(double[] training, double[] actual, double[] forecast, int seasonalPeriod) {
        int horizon = actual.length;
        int period = seasonalPeriod >= 1 && seasonalPeriod < training.length ? seasonalPeriod : 1;
        double scale = Accuracy.maseScale(training, period);
        Accuracy model = Accuracy.of(actual, forecast, scale);
        Accuracy naive = Accuracy.of(actual, Baselines.naive(training, horizon), scale);
        Accuracy seasonal = Accuracy.of(actual, Baselines.seasonalNaive(training, horizon, period), scale);
        return new HoldoutEvaluation(horizon, period, model, naive, seasonal, model.mae() < naive.mae(),
                model.mae() < seasonal.mae());
    }
}
