package dev.tsforge.training;

import dev.tsforge.evaluation.Accuracy;
import dev.tsforge.evaluation.HoldoutEvaluation;
import dev.tsforge.evaluation.HoldoutEvaluation.CovariateEffect;
import dev.tsforge.model.CovariateValues;
import dev.tsforge.model.History;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.Predictor;
import dev.tsforge.model.SeriesCovariate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What each covariate series did for a model, by permutation: its values shuffled among their timestamps (seeded by
 * the spec's seed), the holdout forecast again, the MAE compared with the model's own. The calendar and holiday
 * columns are computed inside the network and are not permuted here.
 */
final class CovariateEffects {

    private CovariateEffects() {
    }

    /** {@code evaluation} with the effect of each covariate series {@code spec} reads; unchanged for others. */
    static HoldoutEvaluation of(HoldoutEvaluation evaluation, ModelSpec spec, Predictor predictor, History history,
            double[] holdout) {
        if (!(spec instanceof NetworkSpec network) || network.covariates().series().isEmpty()) {
            return evaluation;
        }
        double scale = evaluation.model().mase() == null || evaluation.model().mase() == 0 ? 1
                : evaluation.model().mae() / evaluation.model().mase();
        List<CovariateEffect> effects = new ArrayList<>();
        for (SeriesCovariate covariate : network.covariates().series()) {
            Map<Instant, Double> values = history.covariates().byName().getOrDefault(covariate.name(), Map.of());
            List<Instant> times = new ArrayList<>(values.keySet());
            Collections.sort(times);
            List<Double> shuffled = new ArrayList<>(times.stream().map(values::get).toList());
            Collections.shuffle(shuffled, new Random(spec.seed()));
            Map<Instant, Double> permuted = new HashMap<>();
            for (int i = 0; i < times.size(); i++) {
                permuted.put(times.get(i), shuffled.get(i));
            }
            CovariateValues laid = history.covariates()
                    .overriddenBy(new CovariateValues(Map.of(covariate.name(), permuted)));
            double[] forecast = predictor.forecast(history.with(laid), holdout.length);
            effects.add(new CovariateEffect(covariate.name(), covariate.kind().name(), evaluation.model().mae(),
                    Accuracy.of(holdout, forecast, scale).mae()));
        }
        return evaluation.withCovariateEffects(effects);
    }
}
