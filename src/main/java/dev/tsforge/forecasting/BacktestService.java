package dev.tsforge.forecasting;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.evaluation.Accuracy;
import dev.tsforge.evaluation.Baselines;
import dev.tsforge.evaluation.ConformalCalibration;
import dev.tsforge.model.Predictor;
import dev.tsforge.model.SpecOptions.GapPolicy;
import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.series.GapFilling;
import dev.tsforge.series.GapFreeRuns;
import dev.tsforge.series.Point;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesService;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Rolling-origin backtests of a trained model (without refitting): the last {@code folds} origins, {@code step}
 * apart, each followed by {@code horizon} actual values.
 */
@Service
public class BacktestService {

    private final SeriesService series;
    private final ModelRegistry registry;
    private final PredictorCache predictors;
    private final TsforgeProperties properties;

    BacktestService(SeriesService series, ModelRegistry registry, PredictorCache predictors,
            TsforgeProperties properties) {
        this.series = series;
        this.registry = registry;
        this.predictors = predictors;
        this.properties = properties;
    }

    /**
     * @param horizon null: the model's horizon; {@code step} null: the horizon (folds do not overlap)
     * @throws ApiProblemException 400 invalid settings, 404 unknown model, 422 too little gap-free history
     */
    public Backtest run(long modelId, int folds, Integer horizon, Integer step, List<Double> levels) {
        ModelVersion model = registry.version(modelId);
        Series target = series.get(model.seriesId());
        int h = horizon == null ? model.spec().horizon() : horizon;
        int stride = step == null ? h : step;
        if (folds < 1 || folds > 100) {
            throw ApiProblemException.invalidField("folds", "between 1 and 100");
        }
        if (h < 1 || h > properties.limits().maxHorizon()) {
            throw ApiProblemException.invalidField("horizon", "between 1 and " + properties.limits().maxHorizon());
        }
        if (stride < 1) {
            throw ApiProblemException.invalidField("step", "at least 1");
        }
        List<Double> checkedLevels = ForecastService.checkLevels(levels);
        List<Point> points = series.points(target.id(), null, null);
        Tail tail = tail(points, target, model.spec().gapPolicy());
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
        ConformalCalibration calibration = model.calibration();
        int period = target.seasonalPeriod();
        List<Backtest.Fold> results = new ArrayList<>(folds);
        Map<String, int[]> inside = new LinkedHashMap<>();
        for (int fold = 0; fold < folds; fold++) {
            int origin = firstOrigin + fold * stride;
            double[] history = Arrays.copyOf(values, origin);
            double[] actual = Arrays.copyOfRange(values, origin, origin + h);
            double[] forecast = predictor.forecast(history, h);
            int foldPeriod = period < history.length ? period : 1;
            double scale = Accuracy.maseScale(history, foldPeriod);
            double[] naive = Baselines.naive(history, h);
            double[] seasonal = Baselines.seasonalNaive(history, h, foldPeriod);
            Map<String, Double> coverage = new LinkedHashMap<>();
            for (double level : checkedLevels) {
                int[] hits = coverage(calibration, level, actual, forecast);
                coverage.put(label(level), hits == null ? null : (double) hits[0] / h);
                if (hits != null) {
                    inside.merge(label(level), hits, (a, b) -> new int[] {a[0] + b[0], a[1] + b[1]});
                }
            }
            Instant originTime = target.frequency().plus(tail.last(), -(values.length - 1 - origin));
            results.add(new Backtest.Fold(fold + 1, originTime, model.dataTo() != null
                    && !originTime.isAfter(model.dataTo()), Accuracy.of(actual, forecast, scale),
                    Accuracy.of(actual, naive, scale), Accuracy.of(actual, seasonal, scale), coverage));
        }
        Accuracy modelMean = mean(results.stream().map(Backtest.Fold::model).toList());
        Accuracy naiveMean = mean(results.stream().map(Backtest.Fold::naive).toList());
        Accuracy seasonalMean = mean(results.stream().map(Backtest.Fold::seasonalNaive).toList());
        Map<String, Double> totalCoverage = new LinkedHashMap<>();
        for (double level : checkedLevels) {
            int[] hits = inside.get(label(level));
            totalCoverage.put(label(level), hits == null ? null : (double) hits[0] / hits[1]);
        }
        return new Backtest(target.id(), model.id(), folds, h, stride, false, period, checkedLevels, results,
                new Backtest.Summary(modelMean, naiveMean, seasonalMean, totalCoverage,
                        modelMean.mae() < naiveMean.mae(), modelMean.mae() < seasonalMean.mae()));
    }

    private record Tail(double[] values, Instant last) {
    }

    /** The most recent values the model can read: the last gap-free run, or the filled grid. */
    private static Tail tail(List<Point> points, Series target, GapPolicy policy) {
        if (points.isEmpty()) {
            return new Tail(new double[0], null);
        }
        Instant last = points.get(points.size() - 1).timestamp();
        if (policy == GapPolicy.LINEAR || policy == GapPolicy.FORWARD_FILL) {
            return new Tail(GapFilling.fill(points, target.frequency(), policy == GapPolicy.LINEAR).values(), last);
        }
        List<double[]> runs = GapFreeRuns.split(points, target.frequency());
        return new Tail(runs.get(runs.size() - 1), last);
    }

    /** Hits and checks of one fold at one level, or null when the model has no interval for every step. */
    private static int[] coverage(ConformalCalibration calibration, double level, double[] actual, double[] forecast) {
        if (calibration == null) {
            return null;
        }
        int hits = 0;
        for (int k = 0; k < actual.length; k++) {
            double half = calibration.halfWidth(k + 1, level);
            if (Double.isNaN(half)) {
                return null;
            }
            hits += Math.abs(actual[k] - forecast[k]) <= half ? 1 : 0;
        }
        return new int[] {hits, actual.length};
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
