package dev.tsforge.charts;

import dev.tsforge.anomalies.Anomalies;
import dev.tsforge.backtest.BacktestService;
import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.forecasting.Forecast;
import dev.tsforge.forecasting.ForecastQuery;
import dev.tsforge.forecasting.ForecastService;
import dev.tsforge.forecasting.IntervalLevels;
import dev.tsforge.ledger.Ledger;
import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.series.Point;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesService;
import dev.tsforge.training.TrainingJob;
import dev.tsforge.training.TrainingService;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.springframework.stereotype.Service;

/**
 * Charts of series, forecasts, training losses and backtests. Reads only through the other features' services,
 * so a chart shows exactly what the JSON endpoints answer, with the same errors.
 */
@Service
public class ChartService {

    /** Folds of a charted backtest when the request names none, as for {@code POST /backtests}. */
    public static final int DEFAULT_FOLDS = 5;

    private final SeriesService series;
    private final TrainingService training;
    private final ModelRegistry registry;
    private final ForecastService forecasts;
    private final BacktestService backtests;
    private final TsforgeProperties properties;
    private final Ledger ledger;
    private final Anomalies anomalies;

    ChartService(SeriesService series, TrainingService training, ModelRegistry registry, ForecastService forecasts,
            BacktestService backtests, TsforgeProperties properties, Ledger ledger, Anomalies anomalies) {
        this.ledger = ledger;
        this.anomalies = anomalies;
        this.series = series;
        this.training = training;
        this.registry = registry;
        this.forecasts = forecasts;
        this.backtests = backtests;
        this.properties = properties;
    }

    /**
     * @throws ApiProblemException 400 bad size or query, 404 unknown series or model, 409 a forecast without a
     *                             model, 422 a forecast whose input has a gap or is too short
     */
    public Chart series(long seriesId, SeriesChartQuery query, ChartFormat format, Integer width, Integer height) {
        ChartSize size = size(width, height);
        check(query);
        Series target = series.get(seriesId);
        List<Point> history = history(target, query);
        ModelVersion model = query.modelId() == null ? registry.champion(seriesId).orElse(null)
                : registry.version(query.modelId());
        if (model != null && !model.global() && model.seriesId() != seriesId) {
            throw ApiProblemException.invalidField("modelId", "model " + model.id() + " belongs to series "
                    + model.seriesId() + ", not " + seriesId);
        }
        Forecast forecast = null;
        if (query.forecast()) {
            if (model == null) {
                model = registry.requireChampion(seriesId); // 409 saying why there is none
            }
            int horizon = query.horizon() == null ? model.spec().horizon() : query.horizon();
            forecast = forecasts.forecast(new ForecastQuery(null, model.id(), null, null, horizon, query.levels()));
        }
        List<Point> flagged = history.isEmpty() ? List.of() : anomalies.between(seriesId, history.get(0).timestamp(),
                history.get(history.size() - 1).timestamp()).stream()
                .map(anomaly -> new Point(anomaly.timestamp(), anomaly.value())).toList();
        return ChartRendering.encode(SeriesChart.build(target, history, model, forecast, flagged), format, size);
    }

    /**
     * How the series' recorded forecasts did since they went live: absolute error per target, per model, beside
     * seasonal naive's.
     *
     * @throws ApiProblemException 400 bad size, 404 unknown series
     */
    public Chart liveAccuracy(long seriesId, ChartFormat format, Integer width, Integer height) {
        ChartSize size = size(width, height);
        Series target = series.get(seriesId);
        return ChartRendering.encode(LiveAccuracyChart.build(target, ledger.scoredSteps(seriesId),
                ledger.ofSeries(seriesId, null)), format, size);
    }

    /**
     * The query's parameters checked as a forecast or a range read would check them, whether or not they are used:
     * a chart drawn for parameters that make no sense would hide the mistake.
     */
    private void check(SeriesChartQuery query) {
        if (query.from() != null && query.to() != null && query.from().isAfter(query.to())) {
            throw ApiProblemException.invalidField("from", "must not be after to (" + query.to() + "), got "
                    + query.from());
        }
        int maxHorizon = properties.limits().maxHorizon();
        if (query.horizon() != null && (query.horizon() < 1 || query.horizon() > maxHorizon)) {
            throw ApiProblemException.invalidField("horizon", "must be between 1 and " + maxHorizon + ", got "
                    + query.horizon());
        }
        IntervalLevels.check(query.levels());
    }

    private List<Point> history(Series target, SeriesChartQuery query) {
        if (query.last() == null) {
            return series.points(target.id(), query.from(), query.to());
        }
        if (query.from() != null || query.to() != null) {
            throw ApiProblemException.invalidField("last", "give either last or from/to, not both");
        }
        int max = properties.limits().maxPointsPerRequest();
        if (query.last() < 1 || query.last() > max) {
            throw ApiProblemException.invalidField("last", "must be between 1 and " + max + ", got " + query.last());
        }
        return series.latestPoints(target.id(), query.last());
    }

    /** @throws ApiProblemException 400 bad size, 404 unknown job */
    public Chart trainingLoss(long jobId, boolean logScale, ChartFormat format, Integer width, Integer height) {
        ChartSize size = size(width, height);
        TrainingJob job = training.get(jobId);
        return lossChart("Loss of training job " + jobId, job, logScale, format, size);
    }

    /** @throws ApiProblemException 400 bad size, 404 unknown model or an imported one (no loss curve here) */
    public Chart modelLoss(long modelId, boolean logScale, ChartFormat format, Integer width, Integer height) {
        ChartSize size = size(width, height);
        ModelVersion model = registry.version(modelId);
        if (model.trainingJobId() == null) {
            throw new ApiProblemException(ProblemType.NOT_FOUND, "model " + modelId + " was imported: its loss "
                    + "curve stayed with the instance that trained it", Map.of("resource", "loss curve",
                    "id", String.valueOf(modelId)));
        }
        TrainingJob job = training.get(model.trainingJobId());
        return lossChart("Loss of model " + modelId + " (" + model.spec().match(
                network -> network.architecture() + " " + network.hiddenSizes(), theta -> theta.architectureName())
                + ")", job, logScale, format, size);
    }

    private Chart lossChart(String title, TrainingJob job, boolean logScale, ChartFormat format, ChartSize size) {
        JFreeChart chart = LossChart.build(title, job, training.losses(job.id()), logScale);
        return ChartRendering.encode(chart, format, size);
    }

    /**
     * A backtest without refitting, as {@code POST /backtests} runs it, drawn fold by fold.
     *
     * @throws ApiProblemException 400 bad size or settings, 404 unknown model, 422 too little history
     */
    public Chart backtest(long modelId, Integer folds, Integer horizon, Integer step, ChartFormat format,
            Integer width, Integer height) {
        ChartSize size = size(width, height);
        BacktestService.Traced traced = backtests.trace(modelId, folds == null ? DEFAULT_FOLDS : folds, horizon,
                step, null);
        ModelVersion model = registry.version(modelId);
        Series target = series.get(model.seriesId());
        List<Point> actual = List.of();
        if (!traced.folds().isEmpty()) {
            int h = traced.backtest().horizon();
            Instant from = target.frequency().plus(traced.folds().get(0).origin(),
                    -Math.max(h, model.spec().lookback()));
            Instant to = target.frequency().plus(traced.folds().get(traced.folds().size() - 1).origin(), h - 1L);
            actual = series.points(target.id(), from, to);
        }
        return ChartRendering.encode(BacktestChart.build(target, traced, actual), format, size);
    }

    private ChartSize size(Integer width, Integer height) {
        return ChartSize.of(width, height, properties.charts());
    }
}
