package dev.tsforge.training;

import dev.tsforge.evaluation.Accuracy;
import dev.tsforge.evaluation.HoldoutSplit;
import dev.tsforge.model.History;
import dev.tsforge.model.MissingCovariatesException;
import dev.tsforge.model.ModelLoader;
import dev.tsforge.model.Predictor;
import dev.tsforge.registry.ModelArtifacts;
import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.registry.Promotion.ChampionScore;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.series.Frequency;
import dev.tsforge.series.SeriesService;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Measures a series' current champion on a new model's holdout, so that registration can compare the two. */
@Component
class ChampionScoring {

    private final ModelRegistry registry;
    private final ModelLoader loader;
    private final ModelArtifacts artifacts;
    private final SeriesService series;

    private final TrainingCovariates covariates;

    ChampionScoring(ModelRegistry registry, ModelLoader loader, ModelArtifacts artifacts, SeriesService series,
            TrainingCovariates covariates) {
        this.covariates = covariates;
        this.registry = registry;
        this.loader = loader;
        this.artifacts = artifacts;
        this.series = series;
    }

    /**
     * The champion's accuracy on the new model's holdout, forecast from the same history; a null accuracy when the
     * history is shorter than the champion reads, and null when the series has no champion.
     */
    ChampionScore score(ModelVersion model, HoldoutSplit split) {
        // the new model's data ends where its holdout starts: the history's last timestamp
        return score(model.seriesId(), model.spec().horizon(), model.evaluation().seasonalPeriod(), split,
                model.data().to());
    }

    /**
     * {@link #score(ModelVersion, HoldoutSplit)} for a series and a holdout of {@code horizon} points, MASE scaled
     * with {@code seasonalPeriod}: how a global model's members are scored.
     */
    ChampionScore score(long seriesId, int horizon, int seasonalPeriod, HoldoutSplit split) {
        return score(seriesId, horizon, seasonalPeriod, split, null);
    }

    /** @param historyLast the timestamp of the history's last value, or null when unknown */
    ChampionScore score(long seriesId, int horizon, int seasonalPeriod, HoldoutSplit split,
            Instant historyLast) {
        return registry.champion(seriesId).map(champion -> {
            Predictor predictor;
            try {
                predictor = artifacts.read(champion, loader::load);
            } catch (ApiProblemException e) {
                // a champion that cannot load must not keep the series from the model that replaces it
                return new ChampionScore(champion.id(), null, "its artifact is unavailable");
            }
            if (split.history().length < predictor.lookback()) {
                return new ChampionScore(champion.id(), null, "its lookback is longer than the history before it");
            }
            double[] forecast;
            try {
                Frequency grid = historyLast == null ? null : series.get(seriesId).frequency();
                History history = History.of(split.history(), historyLast, grid);
                if (grid != null) {
                    int steps = champion.spec().outputSteps();
                    history = history.with(covariates.values(seriesId, champion.spec(),
                            grid.plus(historyLast, -(predictor.lookback() + steps)),
                            grid.plus(historyLast, horizon + steps)));
                }
                forecast = predictor.forecast(history, horizon);
            } catch (MissingCovariatesException e) {
                return new ChampionScore(champion.id(), null, "its covariate series lack values over the holdout");
            } catch (IllegalArgumentException e) {
                // a champion with calendar covariates, measured where the history's timestamps are unknown
                return new ChampionScore(champion.id(), null, "it reads calendar covariates, and the holdout's "
                        + "timestamps are unknown here");
            }
            double scale = Accuracy.maseScale(split.history(), seasonalPeriod);
            return new ChampionScore(champion.id(), Accuracy.of(split.holdout(), forecast, scale));
        }).orElse(null);
    }
}
