package dev.tsforge.forecasting;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.model.History;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.series.CollectionService;
import dev.tsforge.series.Frequency;
import dev.tsforge.series.GapPolicy;
import dev.tsforge.series.PointStats;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesCollection;
import dev.tsforge.series.SeriesService;
import dev.tsforge.series.SeriesWindows;
import dev.tsforge.web.ApiProblemException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * What a forecast reads, checked: the query's horizon and levels, the model it names (or the series' champion) and
 * the input values (the series' latest window, a member's, or values sent), ready for {@link ForecastService} to run.
 */
@Component
class ForecastInputs {

    static final List<Double> DEFAULT_LEVELS = List.of(80.0, 95.0);
    static final int MAX_LEVELS = 5;

    private final SeriesService series;
    private final CollectionService collections;
    private final ModelRegistry registry;
    private final TsforgeProperties properties;
    private final ForecastCovariates covariates;

    ForecastInputs(SeriesService series, CollectionService collections, ModelRegistry registry,
            TsforgeProperties properties, ForecastCovariates covariates) {
        this.covariates = covariates;
        this.series = series;
        this.collections = collections;
        this.registry = registry;
        this.properties = properties;
    }

    /** Lookups for one call (one forecast, or a batch). */
    Lookups lookups() {
        return new Lookups();
    }

    /** The latest windows of {@code members} as {@code model} reads them, in a few queries. */
    List<SeriesWindows.MemberWindow> latestWindows(ModelVersion model, List<Series> members) {
        return series.latestWindows(members, model.spec().inputLength(), model.spec().minimumInput(),
                model.spec().gapPolicy());
    }

    /**
     * A checked query with its input values, ready for the network.
     *
     * @param seriesStats the stored series' count and value range, when looked up (null otherwise)
     */
    record Prepared(Long seriesId, ModelVersion model, Series series, History history, int horizon,
            List<Double> levels, Forecast.InputSummary input, PointStats seriesStats) {

        Frequency frequency() {
            return series.frequency();
        }
    }

    /**
     * Models, series and champions looked up once per call, however many of its queries name them: a batch of 100
     * forecasts with one model made 200 database reads before.
     */
    final class Lookups {

        private final Map<Long, ModelVersion> models = new HashMap<>();
        private final Map<Long, Series> seriesById = new HashMap<>();
        private final Map<Long, ModelVersion> champions = new HashMap<>();
        private final Map<Long, PointStats> stats = new HashMap<>();

        ModelVersion model(long id) {
            return models.computeIfAbsent(id, registry::version);
        }

        Series series(long id) {
            return seriesById.computeIfAbsent(id, series::get);
        }

        ModelVersion champion(long seriesId) {
            return champions.computeIfAbsent(seriesId, registry::requireChampion);
        }

        PointStats stats(long seriesId) {
            return stats.computeIfAbsent(seriesId, series::stats);
        }
    }

    Prepared prepare(ForecastQuery query, Lookups lookups) {
        if (query == null) {
            throw ApiProblemException.invalidField("item", "is null");
        }
        return covariates.attach(prepareValues(query, lookups), query.covariates());
    }

    private Prepared prepareValues(ForecastQuery query, Lookups lookups) {
        int horizon = checkHorizon(query.horizon());
        List<Double> levels = checkLevels(query.levels());
        if (query.seriesId() != null && query.modelId() != null) {
            return memberOfGlobal(lookups.model(query.modelId()), lookups.series(query.seriesId()), query, horizon,
                    levels);
        }
        if (query.seriesId() == null && query.modelId() == null) {
            throw ApiProblemException.invalidField("seriesId", "give exactly one of seriesId and modelId");
        }
        if (query.values() != null) {
            if (query.modelId() == null) {
                throw ApiProblemException.invalidField("values", "values need a modelId to forecast with");
            }
            return fromValues(lookups.model(query.modelId()), query, horizon, levels, lookups);
        }
        if (query.lastTimestamp() != null) {
            throw ApiProblemException.invalidField("lastTimestamp", "only with values sent in the request");
        }
        if (query.modelId() != null) {
            ModelVersion model = lookups.model(query.modelId());
            if (model.global()) {
                throw ApiProblemException.invalidField("seriesId", "model " + model.id() + " is a global model of a "
                        + "collection: name the member with seriesId, or send its values");
            }
            return fromSeries(lookups.series(model.seriesId()), model, horizon, levels);
        }
        Series target = lookups.series(query.seriesId());
        ModelVersion champion = lookups.champion(target.id());
        return fromSeries(target, champion, horizon, levels);
    }

    int checkHorizon(Integer horizon) {
        int max = properties.limits().maxHorizon();
        if (horizon == null || horizon < 1 || horizon > max) {
            throw ApiProblemException.invalidField("horizon", "must be between 1 and " + max + ", got " + horizon);
        }
        return horizon;
    }

    static List<Double> checkLevels(List<Double> levels) {
        if (levels == null) {
            return DEFAULT_LEVELS;
        }
        if (levels.size() > MAX_LEVELS || levels.stream().distinct().count() != levels.size()) {
            throw ApiProblemException.invalidField("levels", "at most " + MAX_LEVELS + " distinct levels");
        }
        for (Double level : levels) {
            if (level == null || !(level > 0 && level < 100)) {
                throw ApiProblemException.invalidField("levels", "each level is a percentage between 0 and 100 "
                        + "(exclusive), got " + level);
            }
        }
        return levels.stream().sorted().toList();
    }

    /**
     * A global model on a member of its collection: any member, trained on or added since, from its latest values,
     * held to the member's own range (a global model stores none: its members' ranges together would let one
     * member's forecast wander to another's level).
     */
    private Prepared memberOfGlobal(ModelVersion model, Series target, ForecastQuery query, int horizon,
            List<Double> levels) {
        if (!model.global()) {
            throw ApiProblemException.invalidField("seriesId", "give exactly one of seriesId and modelId (both only "
                    + "for a global model and a member of its collection)");
        }
        if (query.values() != null || query.lastTimestamp() != null) {
            throw ApiProblemException.invalidField("values", "values are sent with a modelId alone, not with a "
                    + "seriesId");
        }
        if (!Objects.equals(target.collectionId(), model.panel().collectionId())) {
            throw ApiProblemException.invalidField("seriesId", "series " + target.id() + " is not a member of the "
                    + "collection global model " + model.id() + " was trained on");
        }
        return fromSeries(target, model, horizon, levels);
    }

    private Prepared fromSeries(Series target, ModelVersion model, int horizon, List<Double> levels) {
        return fromWindow(target, model, series.latestWindow(target, model.spec().inputLength(),
                model.spec().minimumInput(), model.spec().gapPolicy()), horizon, levels);
    }

    /**
     * Up to {@code values} of a prepared query's stored series, ending at the value its forecast starts from, for a
     * fallback that reads more than its model: the run without a missing step that ends there (a statistical method
     * forecasts from fewer values, never across a gap). The query's own input where its values were sent, or where
     * that run is no longer than it.
     */
    History latest(Prepared prepared, int values) {
        History input = prepared.history();
        Instant last = input.last();
        if (prepared.seriesId() == null || values <= input.length() || last == null) {
            return input;
        }
        Frequency grid = prepared.frequency();
        // a range ending at the forecast's last value: points ingested since do not shift it
        SeriesWindows.Recent run = SeriesWindows.recent(series.points(prepared.seriesId(),
                grid.plus(last, -(values - 1L)), last), prepared.series(), GapPolicy.SPLIT);
        return last.equals(run.last()) && run.values().length > input.length()
                ? History.of(run.values(), last, grid) : input;
    }

    static Prepared fromWindow(Series target, ModelVersion model, SeriesWindows.LatestWindow window,
            int horizon, List<Double> levels) {
        Forecast.InputSummary input = new Forecast.InputSummary("SERIES", window.values().length, window.first(),
                window.last(), window.pointCount(), window.missingCount(), window.gapHandling(), window.imputed(),
                window.masked());
        return new Prepared(target.id(), model, target, History.of(window.values(), window.last(),
                target.frequency()), horizon, levels,
                input, window.series());
    }

    private Prepared fromValues(ModelVersion model, ForecastQuery query, int horizon, List<Double> levels,
            Lookups lookups) {
        int minimum = model.spec().minimumInput();
        List<Double> values = query.values();
        if (values.size() < minimum) {
            throw ApiProblemException.invalidField("values", "model " + model.id() + " reads "
                    + (minimum < model.spec().lookback() ? "at least " : "") + minimum + " values, got "
                    + values.size());
        }
        if (values.size() > properties.limits().maxPointsPerRequest()) {
            throw ApiProblemException.invalidField("values", "at most " + properties.limits().maxPointsPerRequest());
        }
        double[] history = new double[values.size()];
        for (int i = 0; i < history.length; i++) {
            Double value = values.get(i);
            if (value == null || !Double.isFinite(value)) {
                throw ApiProblemException.invalidField("values", "value " + i + " is not a finite number");
            }
            history[i] = value;
        }
        Series target = model.global() ? unseenMember(model, history) : lookups.series(model.seriesId());
        Frequency frequency = target.frequency();
        Instant last = query.lastTimestamp();
        if (last != null && !frequency.isOnGrid(last)) {
            throw ApiProblemException.invalidField("lastTimestamp", last + " is not on the model's " + frequency
                    + " grid");
        }
        int used = Math.min(history.length, model.spec().inputLength());
        Forecast.InputSummary input = new Forecast.InputSummary("REQUEST", used,
                last == null ? null : frequency.plus(last, -(used - 1)), last, null, null,
                "none: the request's values are taken as consecutive", 0, 0);
        // a model from before training ranges were stored is held to its series' range
        // a global model's sent values are all there is of their series: the range around them guards it
        PointStats stats = model.guard().valueMin() == null && !model.global() ? lookups.stats(model.seriesId())
                : null;
        // labels are constant along a series: only inputs at timestamps need them
        if (last == null && model.spec() instanceof NetworkSpec network && network.covariates().labelOffset() > 0) {
            throw ApiProblemException.invalidField("lastTimestamp", "the model reads covariates "
                    + network.covariates().columns() + ", computed from or stored at the timestamps of the input and "
                    + "the horizon: send lastTimestamp, the time of the last value");
        }
        return new Prepared(null, model, target, History.of(history, last, frequency), horizon, levels, input,
                stats);
    }

    /**
     * {@code prepared}, a stored series' latest window, with the covariates and labels its model reads from the store.
     *
     * @param labels the series' labels, looked up with its fellow members'
     * @throws ApiProblemException 422 naming the covariate values the forecast would read and the store lacks
     */
    Prepared withStoredCovariates(Prepared prepared, Map<String, String> labels) {
        return covariates.attach(prepared, SentCovariates.NONE, labels);
    }

    /** The labels of {@code members} by series id, for a model that reads them; none for others. */
    Map<Long, Map<String, String>> labels(ModelVersion model, List<Series> members) {
        return model.spec() instanceof NetworkSpec network && !network.covariates().labels().isEmpty()
                ? collections.labels(members.stream().map(Series::id).toList()) : Map.of();
    }

    /** The grid {@code model} was trained on: its series', or a global model's collection's. */
    Frequency gridOf(ModelVersion model) {
        return model.global() ? collections.get(collections.name(model.panel().collectionId())).frequency()
                : series.get(model.seriesId()).frequency();
    }

    /**
     * The series that values sent to a global model stand for: one on the collection's grid and season, never below
     * zero when none of the values is (as a stored series without a declaration is inferred).
     */
    private Series unseenMember(ModelVersion model, double[] values) {
        SeriesCollection collection = collections.get(collections.name(model.panel().collectionId()));
        boolean negative = Arrays.stream(values).anyMatch(v -> v < 0);
        return new Series(0, collection.name(), collection.frequency(), null, null, null, Series.GridSource.DECLARED,
                null, negative, collection.createdAt(), collection.updatedAt(), collection.id(), null,
                new PointStats(0, null, null));
    }
}
