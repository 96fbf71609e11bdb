package dev.tsforge.forecasting;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.model.Predictor;
import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.registry.RegisteredModel;
import dev.tsforge.series.GapFreeRuns;
import dev.tsforge.series.Point;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesService;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Forecasts a series with its champion model, or with a chosen model, from the series' latest points. */
@Service
public class ForecastService {

    private final SeriesService series;
    private final ModelRegistry registry;
    private final PredictorCache predictors;
    private final TsforgeProperties properties;

    ForecastService(SeriesService series, ModelRegistry registry, PredictorCache predictors,
            TsforgeProperties properties) {
        this.series = series;
        this.registry = registry;
        this.predictors = predictors;
        this.properties = properties;
    }

    public Forecast forSeries(long seriesId, int horizon) {
        checkHorizon(horizon);
        Series target = series.get(seriesId);
        ModelVersion model = registry.champion(seriesId).orElseThrow(() -> noChampion(seriesId));
        return forecast(target, model, horizon);
    }

    private ApiProblemException noChampion(long seriesId) {
        List<RegisteredModel> models = registry.ofSeries(seriesId);
        if (models.isEmpty()) {
            return new ApiProblemException(ProblemType.NO_MODEL, "Series " + seriesId
                    + " has no trained model yet; POST a training first.", Map.of("seriesId", seriesId));
        }
        long newest = models.get(0).version().id();
        return new ApiProblemException(ProblemType.NO_MODEL, "Series " + seriesId + " has no champion: no model "
                + "has beaten seasonal naive on its holdout (newest: model " + newest + "). Forecast with a modelId, "
                + "or promote one with POST /api/v1/models/" + newest + "/promote.",
                Map.of("seriesId", seriesId, "newestModelId", newest));
    }

    public Forecast withModel(long modelId, int horizon) {
        checkHorizon(horizon);
        ModelVersion model = registry.get(modelId).version();
        return forecast(series.get(model.seriesId()), model, horizon);
    }

    private void checkHorizon(int horizon) {
        int max = properties.limits().maxHorizon();
        if (horizon < 1 || horizon > max) {
            throw ApiProblemException.invalidField("horizon", "must be between 1 and " + max + ", got " + horizon);
        }
    }

    private Forecast forecast(Series target, ModelVersion model, int horizon) {
        int lookback = model.spec().lookback();
        List<Point> recent = series.latestPoints(target.id(), lookback);
        if (recent.size() < lookback) {
            throw new ApiProblemException(ProblemType.SERIES_TOO_SHORT, "The model reads the last " + lookback
                    + " points but the series has " + recent.size(),
                    Map.of("pointCount", recent.size(), "requiredPoints", lookback));
        }
        if (!GapFreeRuns.isGapFree(recent, target.frequency())) {
            throw new ApiProblemException(ProblemType.GAP_IN_WINDOW, "The last " + lookback + " points ("
                    + recent.get(0).timestamp() + " to " + recent.get(lookback - 1).timestamp()
                    + ") have a gap; the model needs them consecutive on the " + target.frequency() + " grid",
                    Map.of("from", recent.get(0).timestamp().toString(),
                            "to", recent.get(lookback - 1).timestamp().toString()));
        }
        Predictor predictor = predictors.get(model);
        double[] values = predictor.forecast(GapFreeRuns.values(recent), horizon);
        int trained = predictor.outputSteps();
        Instant last = recent.get(lookback - 1).timestamp();
        List<Forecast.Step> steps = new ArrayList<>(horizon);
        for (int i = 0; i < horizon; i++) {
            steps.add(new Forecast.Step(target.frequency().plus(last, i + 1), values[i]));
        }
        return new Forecast(target.id(), model.id(), target.frequency().toString(), horizon,
                model.spec().strategy().name(), trained, horizon > trained, last, steps);
    }
}
