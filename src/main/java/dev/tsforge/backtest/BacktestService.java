package dev.tsforge.backtest;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.logging.LogContext;
import dev.tsforge.evaluation.Backtest;
import dev.tsforge.evaluation.BacktestScoring;
import dev.tsforge.forecasting.ForecastIntervals;
import dev.tsforge.forecasting.IntervalLevels;
import dev.tsforge.forecasting.PredictorCache;
import dev.tsforge.covariate.CovariateProblems;
import dev.tsforge.covariate.CovariateService;
import dev.tsforge.model.CovariateValues;
import dev.tsforge.model.History;
import dev.tsforge.model.MissingCovariatesException;
import dev.tsforge.model.Predictor;
import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesService;
import dev.tsforge.series.SeriesWindows;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Rolling-origin backtests of a trained model (without refitting): the last {@code folds} origins, {@code step}
 * apart, each followed by {@code horizon} actual values.
 */
@Service
public class BacktestService {

    /** Folds of a backtest without refit: one forward pass each. */
    public static final int MAX_FOLDS = 100;
    /** Folds of a refitting backtest: one training each, on the shared training queue. */
    public static final int MAX_REFIT_FOLDS = 20;

    private final SeriesService series;
    private final ModelRegistry registry;
    private final PredictorCache predictors;
    private final TsforgeProperties properties;

    private final CovariateService covariates;

    BacktestService(SeriesService series, ModelRegistry registry, PredictorCache predictors,
            TsforgeProperties properties, CovariateService covariates) {
        this.covariates = covariates;
        this.series = series;
        this.registry = registry;
        this.predictors = predictors;
        this.properties = properties;
    }

    /**
     * Checked settings with defaults filled in: {@code horizon} the spec's, {@code step} the horizon.
     *
     * @throws ApiProblemException 400 naming the setting out of bounds
     */
    public BacktestSettings settings(int folds, int maxFolds, Integer horizon, Integer step, List<Double> levels,
            int specHorizon, Long modelId) {
        int h = horizon == null ? specHorizon : horizon;
        int stride = step == null ? h : step;
        if (folds < 1 || folds > maxFolds) {
            throw ApiProblemException.invalidField("folds", "between 1 and " + maxFolds + ", got " + folds);
        }
        if (h < 1 || h > properties.limits().maxHorizon()) {
            throw ApiProblemException.invalidField("horizon", "between 1 and " + properties.limits().maxHorizon()
                    + ", got " + h);
        }
        // origins lie within the series: a step past the points one request may read only overflows the arithmetic
        int maxStep = properties.limits().maxPointsPerRequest();
        if (stride < 1 || stride > maxStep) {
            throw ApiProblemException.invalidField("step", "between 1 and " + maxStep
                    + " (tsforge.limits.max-points-per-request), got " + stride);
        }
        return new BacktestSettings(folds, h, stride, IntervalLevels.check(levels), modelId);
    }

    /**
     * @param horizon null: the model's horizon; {@code step} null: the horizon (folds do not overlap)
     * @throws ApiProblemException 400 invalid settings, 404 unknown model, 422 too little gap-free history
     */
    public Backtest run(long modelId, int folds, Integer horizon, Integer step, List<Double> levels) {
        return trace(modelId, folds, horizon, step, levels).backtest();
    }

    /**
     * The backtest with what each scored fold forecast beside the actual values, for charts.
     *
     * @see #run
     */
    public Traced trace(long modelId, int folds, Integer horizon, Integer step, List<Double> levels) {
        ModelVersion model = registry.version(modelId);
        if (model.global()) {
            // its members' holdouts are in GET /models/{id}/members; rolling origins per member are not built yet
            throw ApiProblemException.invalidField("modelId", "model " + modelId + " is a global model of a "
                    + "collection; backtests take a model of one series");
        }
        LogContext.model(model.id(), model.seriesId());
        Series target = series.get(model.seriesId());
        BacktestSettings settings = settings(folds, MAX_FOLDS, horizon, step, levels, model.spec().horizon(), modelId);
        int h = settings.horizon();
        int stride = settings.step();
        List<Double> checkedLevels = settings.levels();
        SeriesWindows.Recent tail = series.recent(target, model.spec().gapPolicy());
        double[] values = tail.values();
        int lookback = model.spec().lookback();
        int firstOrigin = values.length - h - (folds - 1) * stride;
        if (firstOrigin < lookback + 1) {
            throw new ApiProblemException(ProblemType.SERIES_TOO_SHORT, folds + " folds of " + h + " steps, " + stride
                    + " apart, need " + (lookback + 1 + h + (folds - 1) * stride) + " consecutive points; the series' "
                    + "usable recent run has " + values.length,
                    Map.of("requiredPoints", lookback + 1 + h + (folds - 1) * stride, "pointCount", values.length));
        }
        Predictor predictor = predictors.get(model);
        // the stored covariate values at every origin, the horizon's included: perfect knowledge of their future
        CovariateValues covariateValues = covariates.valuesFor(target.id(), model.spec(),
                target.frequency().plus(tail.last(), -(values.length - 1)),
                target.frequency().plus(tail.last(), model.spec().outputSteps()));
        BacktestScoring scoring = new BacktestScoring(checkedLevels, target.seasonalPeriod());
        List<FoldValues> traces = new ArrayList<>();
        for (int fold = 0; fold < folds; fold++) {
            int origin = firstOrigin + fold * stride;
            double[] history = Arrays.copyOf(values, origin);
            double[] actual = Arrays.copyOfRange(values, origin, origin + h);
            Instant originTime = target.frequency().plus(tail.last(), -(values.length - 1 - origin));
            // calendar covariates are computed for the fold's horizon: known ahead, as in service
            double[] forecast;
            try {
                forecast = predictor.forecast(History.of(history, target.frequency().plus(originTime, -1),
                        target.frequency()).with(covariateValues), h);
            } catch (MissingCovariatesException e) {
                throw CovariateProblems.missing(e);
            }
            if (scoring.add(originTime, model.data().to() != null && !originTime.isAfter(model.data().to()), history,
                    actual, forecast, ForecastIntervals.of(model.calibration(), history, target.seasonalPeriod(), h,
                            checkedLevels).halfWidths()) != null) {
                traces.add(new FoldValues(originTime, actual, forecast));
            }
        }
        return new Traced(scoring.result(target.id(), model.id(), h, stride, false), traces);
    }

    /** A backtest and, per scored fold in the same order, its actual and forecast values. */
    public record Traced(Backtest backtest, List<FoldValues> folds) {
    }

    /**
     * @param origin   timestamp of the fold's first forecast step (the following steps continue the grid)
     * @param actual   NaN where a value is missing (MASK policy)
     */
    public record FoldValues(Instant origin, double[] actual, double[] forecast) {
    }
}
