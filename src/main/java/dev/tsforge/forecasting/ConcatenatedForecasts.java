package dev.tsforge.forecasting;

import dev.tsforge.model.NetworkSpec;
import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.series.Frequency;
import dev.tsforge.series.PandasFrequency;
import dev.tsforge.series.PointBatchValidator;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Forecasts of many series sent as one concatenated array of values with their sizes, as Nixtla's TimeGPT API takes
 * them: each series is a forecast with values sent in the request ({@link ForecastService#forecastAll}, so the same
 * numbers as {@code POST /api/v1/forecasts}), and the answer is concatenated in the same order.
 */
@Service
public class ConcatenatedForecasts {

    /** Where sent exogenous arrays are laid on a grid (at its step at or before this instant): anywhere would do. */
    private static final Instant ALIGNMENT = Instant.parse("2000-01-01T00:00:00Z");

    private final ModelRegistry registry;
    private final ForecastService forecasts;

    ConcatenatedForecasts(ModelRegistry registry, ForecastService forecasts) {
        this.registry = registry;
        this.forecasts = forecasts;
    }

    /**
     * The forecasts, concatenated: {@code horizon} values per series, series after series.
     *
     * @param intervals per level, {@code lo-<level>} and {@code hi-<level>}; a bound is null where no interval
     *                  could be made
     */
    public record Concatenated(double[] mean, Map<String, Double[]> intervals) {
    }

    /**
     * Exogenous variables in TimeGPT's shape ({@link ConcatenatedCovariates}).
     *
     * @param x       one row per variable the model reads, each as long as {@code y}; null or empty for none
     * @param xFuture one row per variable known ahead, {@code h} values per series; null or empty for none
     */
    public record Exogenous(List<List<Double>> x, List<List<Double>> xFuture) {

        public static final Exogenous NONE = new Exogenous(null, null);
    }

    /**
     * @param grid   the grid the client says its values are on: must be the model's
     * @param starts each series' first timestamp as the client wrote it, or null when it sent none
     * @throws ApiProblemException 400 sizes that do not add up, exogenous rows that do not fit them, starts of another
     *                             count than sizes, a start that does not parse or is off the grid, or a series the
     *                             model cannot read (its index named), 404 unknown model, 422 a model on another
     *                             grid, one reading calendar or holiday inputs without starts (they need timestamps),
     *                             exogenous variables the model does not read or missing ones
     *                             ({@link ConcatenatedCovariates#split})
     */
    public Concatenated forecast(long modelId, Frequency grid, String gridName, List<Double> values,
            List<Integer> sizes, List<String> starts, Exogenous exogenous, Integer horizon, List<Double> levels) {
        Servable servable = servable(modelId, grid, gridName, starts != null);
        ModelVersion model = servable.model();
        Frequency trainedOn = servable.trainedOn();
        List<List<Double>> series = split(values, sizes);
        if (starts != null && starts.size() != series.size()) {
            throw ApiProblemException.invalidField("series.start_datetime", "give one start per series: "
                    + starts.size() + " for " + series.size() + " sizes");
        }
        int h = forecasts.checkHorizon(horizon);
        List<SentCovariates> covariates = ConcatenatedCovariates.split(model, sizes, h, exogenous.x(),
                exogenous.xFuture());
        // without starts the arrays have no timestamps: they are laid on the grid from an origin of our choosing,
        // which nothing reads but their alignment (no calendar, checked above; no stored value, the covariates being
        // complete)
        Instant origin = ConcatenatedCovariates.order(model).isEmpty() ? null
                : trainedOn.instantAt(trainedOn.index(ALIGNMENT));
        List<ForecastQuery> queries = new ArrayList<>(series.size());
        for (int s = 0; s < series.size(); s++) {
            Instant last = starts == null ? origin : lastTimestamp(starts.get(s), s, series.get(s).size(), trainedOn);
            queries.add(new ForecastQuery(null, modelId, series.get(s), last, horizon, levels, covariates.get(s)));
        }
        List<BatchOutcome> outcomes = forecasts.forecastAll(queries);
        List<Double> checkedLevels = ForecastService.checkLevels(levels);
        double[] mean = new double[h * queries.size()];
        Map<String, Double[]> intervals = new LinkedHashMap<>();
        for (double level : checkedLevels) {
            intervals.put("lo-" + levelName(level), new Double[mean.length]);
            intervals.put("hi-" + levelName(level), new Double[mean.length]);
        }
        for (int s = 0; s < outcomes.size(); s++) {
            if (outcomes.get(s) instanceof BatchOutcome.Refused refused) {
                throw seriesProblem(refused.problem(), s);
            }
            Forecast forecast = ((BatchOutcome.Forecasted) outcomes.get(s)).forecast();
            for (int i = 0; i < h; i++) {
                Forecast.Step step = forecast.points().get(i);
                mean[s * h + i] = step.value();
                for (Forecast.Interval interval : step.intervals()) {
                    intervals.get("lo-" + levelName(interval.level()))[s * h + i] = interval.lower();
                    intervals.get("hi-" + levelName(interval.level()))[s * h + i] = interval.upper();
                }
            }
        }
        return new Concatenated(mean, intervals);
    }

    /**
     * What a client of this shape asks before it forecasts (TimeGPT's {@code GET /model_params}): how many values the
     * model reads per series and how many steps one pass gives, for a model that can serve {@code grid}.
     *
     * @throws ApiProblemException as {@link #forecast}: 404 unknown model, 422 another grid
     */
    public ModelParams modelParams(long modelId, Frequency grid, String gridName) {
        // the client asks before it sends its series, and sends each one's start where its time column has dates
        ModelVersion model = servable(modelId, grid, gridName, true).model();
        return new ModelParams(model.spec().inputLength(), model.spec().horizon());
    }

    /**
     * A model's input size (the most values a forecast of it reads: its lookback, or the whole run an ARIMA reads,
     * since the client sends no more than this) and the horizon of one of its passes.
     */
    public record ModelParams(int inputSize, int horizon) {
    }

    private record Servable(ModelVersion model, Frequency trainedOn) {
    }

    /**
     * The timestamp of a series' last value, from its first one as the client sends it (with an offset, or without
     * one in the grid's zone, as pandas writes it).
     *
     * @throws ApiProblemException 400 a start that does not parse or is off the model's grid (the series named)
     */
    private static Instant lastTimestamp(String start, int seriesIndex, int size, Frequency trainedOn) {
        Instant first = PointBatchValidator.parseTimestamp(start,
                trainedOn.zone() == null ? ZoneOffset.UTC : trainedOn.zone());
        if (first == null || !trainedOn.isOnGrid(first)) {
            ApiProblemException problem = ApiProblemException.invalidField("series.start_datetime", "series "
                    + seriesIndex + " starts at '" + start + "', " + (first == null ? "not an ISO 8601 date-time"
                    : "off the model's " + trainedOn.describe() + " grid"));
            problem.getBody().setProperty("seriesIndex", seriesIndex);
            throw problem;
        }
        return trainedOn.plus(first, size - 1);
    }

    /** @param timestamped whether the request gives each series' timestamps, which calendar inputs are computed from */
    private Servable servable(long modelId, Frequency grid, String gridName, boolean timestamped) {
        ModelVersion model = registry.version(modelId);
        Frequency trainedOn = forecasts.gridOf(model);
        if (!PandasFrequency.sameGrid(trainedOn, grid)) {
            throw new ApiProblemException(ProblemType.MODEL_NOT_USABLE, "Model " + modelId + " was trained on a "
                    + trainedOn.describe() + " grid; freq '" + gridName + "' is " + grid.describe(),
                    Map.of("modelId", modelId));
        }
        if (!timestamped && model.spec() instanceof NetworkSpec network && network.covariates().computedWidth() > 0) {
            throw new ApiProblemException(ProblemType.MODEL_NOT_USABLE, "Model " + modelId + " reads calendar or "
                    + "holiday inputs " + network.covariates().computedColumns() + ", computed from timestamps, which "
                    + "this request does not carry: send series.start_datetime (each series' first timestamp), or "
                    + "forecast with POST /api/v1/forecasts and lastTimestamp", Map.of("modelId", modelId));
        }
        return new Servable(model, trainedOn);
    }

    /**
     * A series' refusal as this body's client reads it: the series' index added, and the field a forecast of sent
     * values names {@code values} named {@code series.y}, where its values came from.
     */
    private static ApiProblemException seriesProblem(ApiProblemException problem, int seriesIndex) {
        ApiProblemException named = problem;
        Map<String, Object> properties = problem.getBody().getProperties();
        if (properties != null && properties.get("errors") instanceof List<?> errors && errors.size() == 1
                && errors.get(0) instanceof Map<?, ?> error && "values".equals(error.get("field"))) {
            named = ApiProblemException.invalidField("series.y", String.valueOf(error.get("message")));
        }
        named.getBody().setProperty("seriesIndex", seriesIndex);
        return named;
    }

    private static List<List<Double>> split(List<Double> values, List<Integer> sizes) {
        if (values == null || sizes == null || sizes.isEmpty()) {
            throw ApiProblemException.invalidField("series", "give y and sizes");
        }
        List<List<Double>> series = new ArrayList<>(sizes.size());
        int from = 0;
        for (Integer size : sizes) {
            if (size == null || size < 1 || from + size > values.size()) {
                throw ApiProblemException.invalidField("series.sizes", "each size is at least 1 and the sizes add "
                        + "up to the length of y (" + values.size() + ")");
            }
            for (int i = from; i < from + size; i++) {
                Double value = values.get(i);
                if (value == null || !Double.isFinite(value)) {
                    ApiProblemException problem = ApiProblemException.invalidField("series.y", "y[" + i + "], value "
                            + (i - from) + " of series " + series.size() + ", is not a finite number");
                    problem.getBody().setProperty("seriesIndex", series.size());
                    throw problem;
                }
            }
            series.add(values.subList(from, from + size));
            from += size;
        }
        if (from != values.size()) {
            throw ApiProblemException.invalidField("series.sizes", "the sizes add up to " + from + ", y holds "
                    + values.size() + " values");
        }
        return series;
    }

    /** {@code 80} for 80.0, {@code 97.5} for 97.5, as Nixtla names its interval keys. */
    public static String levelName(double level) {
        return level == Math.rint(level) ? String.valueOf((long) level) : String.valueOf(level);
    }
}
