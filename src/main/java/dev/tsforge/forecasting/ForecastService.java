package dev.tsforge.forecasting;

import dev.tsforge.forecasting.ForecastInputs.Prepared;
import dev.tsforge.logging.LogContext;
import dev.tsforge.model.History;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.series.Frequency;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesWindows;
import dev.tsforge.web.ApiProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Forecasts with prediction intervals: a series with its champion model, a model on its own series' latest
 * points, or a model on values sent with the request.
 */
@Service
public class ForecastService {

    private final ForecastInputs inputs;
    private final PredictorCache predictors;
    private final ForecastMetrics metrics;
    private final ApplicationEventPublisher events;

    ForecastService(ForecastInputs inputs, PredictorCache predictors, ForecastMetrics metrics,
            ApplicationEventPublisher events) {
        this.inputs = inputs;
        this.predictors = predictors;
        this.metrics = metrics;
        this.events = events;
    }

    /** @throws ApiProblemException 400 outside 1 to {@code tsforge.limits.max-horizon} */
    int checkHorizon(Integer horizon) {
        return inputs.checkHorizon(horizon);
    }

    /** The levels asked for, sorted, or the defaults (80 and 95). */
    static List<Double> checkLevels(List<Double> levels) {
        return ForecastInputs.checkLevels(levels);
    }

    /** The grid {@code model} was trained on: its series', or a global model's collection's. */
    public Frequency gridOf(ModelVersion model) {
        return inputs.gridOf(model);
    }

    /**
     * @throws ApiProblemException 400 invalid query, 404 unknown series or model, 409 no model or champion, 422
     *                             too few or gapped input values
     */
    public Forecast forecast(ForecastQuery query) {
        long started = System.nanoTime();
        Prepared prepared = inputs.prepare(query, inputs.lookups());
        LogContext.model(prepared.model().id(), prepared.model().seriesId());
        Forecast forecast = complete(prepared, predictors.get(prepared.model()).forecastAll(
                List.of(prepared.history()), prepared.horizon())[0]);
        metrics.forecast(prepared.model(), "single", System.nanoTime() - started);
        announce(query, forecast);
        return forecast;
    }

    /**
     * Many forecasts at once: each query is checked on its own (its failure becomes its result), and the valid
     * ones of one model and horizon are forecast in one call of the model (one forward pass per step for all of
     * them through DL4J's {@code output()}, or all cores through the plain-Java pass).
     *
     * @return per query, in order, its forecast or the {@link ApiProblemException} it would have raised
     */
    public List<BatchOutcome> forecastAll(List<ForecastQuery> queries) {
        BatchOutcome[] results = new BatchOutcome[queries.size()];
        Map<List<Long>, List<Integer>> groups = new LinkedHashMap<>();
        Prepared[] prepared = new Prepared[queries.size()];
        ForecastInputs.Lookups lookups = inputs.lookups();
        for (int i = 0; i < queries.size(); i++) {
            try {
                prepared[i] = inputs.prepare(queries.get(i), lookups);
                groups.computeIfAbsent(List.of(prepared[i].model().id(), (long) prepared[i].horizon()),
                        key -> new ArrayList<>()).add(i);
            } catch (ApiProblemException e) {
                results[i] = new BatchOutcome.Refused(e);
            }
        }
        for (List<Integer> group : groups.values()) {
            run(group.stream().map(i -> prepared[i]).toList(), "batch", group, results);
        }
        for (int i = 0; i < results.length; i++) {
            if (results[i] instanceof BatchOutcome.Forecasted forecasted) {
                announce(queries.get(i), forecasted.forecast());
            }
        }
        return Arrays.asList(results);
    }

    /**
     * Forecasts of many series by one model, as {@link #forecast} makes each: their latest windows read together in
     * a few queries, one forward pass per step for all of them, then each guarded and given intervals. A member's
     * problem (too short, a gap) is its outcome; the others are forecast.
     *
     * @return per member, in order
     */
    List<BatchOutcome> forecastMembers(ModelVersion model, List<Series> members, int horizon, List<Double> levels) {
        BatchOutcome[] results = new BatchOutcome[members.size()];
        List<SeriesWindows.MemberWindow> windows = inputs.latestWindows(model, members);
        Map<Long, Map<String, String>> labels = inputs.labels(model, members);
        List<Prepared> prepared = new ArrayList<>(members.size());
        List<Integer> positions = new ArrayList<>(members.size());
        for (int i = 0; i < windows.size(); i++) {
            SeriesWindows.MemberWindow window = windows.get(i);
            if (window.problem() != null) {
                results[i] = new BatchOutcome.Refused(window.problem());
                continue;
            }
            try {
                Series member = window.series();
                prepared.add(inputs.withStoredCovariates(ForecastInputs.fromWindow(member, model, window.window(),
                        horizon, levels), labels.getOrDefault(member.id(), Map.of())));
                positions.add(i);
            } catch (ApiProblemException missing) {
                results[i] = new BatchOutcome.Refused(missing);
            }
        }
        if (!prepared.isEmpty()) {
            run(prepared, "collection", positions, results);
        }
        return Arrays.asList(results);
    }

    /**
     * One model's forecasts of prepared queries in one call of the model, each completed into {@code results} at its
     * position; a model that cannot be loaded refuses them all.
     */
    private void run(List<Prepared> group, String kind, List<Integer> positions, BatchOutcome[] results) {
        long started = System.nanoTime();
        Prepared first = group.get(0);
        double[][] values;
        try {
            values = predictors.get(first.model()).forecastAll(group.stream().map(Prepared::history).toList(),
                    first.horizon());
        } catch (ApiProblemException unavailable) {
            positions.forEach(i -> results[i] = new BatchOutcome.Refused(unavailable));
            return;
        }
        for (int g = 0; g < group.size(); g++) {
            results[positions.get(g)] = new BatchOutcome.Forecasted(complete(group.get(g), values[g]));
        }
        metrics.forecast(first.model(), kind, System.nanoTime() - started);
    }

    private void announce(ForecastQuery query, Forecast forecast) {
        if (query != null && query.seriesId() != null && query.modelId() == null && query.values() == null) {
            events.publishEvent(new ForecastEvents.ChampionServed(forecast));
        }
    }

    /**
     * The forecast of a prepared query from the model's values: guarded against divergence (and below zero where the
     * series never is), with intervals at every level by the best method the model's data allows, and timestamps.
     */
    private Forecast complete(Prepared prepared, double[] raw) {
        ModelVersion model = prepared.model();
        Frequency frequency = prepared.frequency();
        Instant last = prepared.history().last();
        int horizon = prepared.horizon();
        int period = prepared.series().seasonalPeriod();
        boolean nonNegative = prepared.series().nonNegative();
        ForecastGuard.Guarded guarded = ForecastGuard.guard(model, prepared.history(),
                values -> inputs.latest(prepared, values), prepared.seriesStats(), raw, period, nonNegative);
        double[] values = guarded.values();
        // the model's calibration describes the model's errors, not its fallback's
        ForecastIntervals intervalWidths = ForecastIntervals.of(guarded.fallback() == null ? model.calibration()
                : null, guarded.input().values(), period, horizon, prepared.levels());
        double[][] halfWidths = intervalWidths.halfWidths();
        List<Forecast.Step> steps = new ArrayList<>(horizon);
        for (int i = 0; i < horizon; i++) {
            List<Forecast.Interval> intervals = new ArrayList<>(halfWidths.length);
            for (int l = 0; l < halfWidths.length; l++) {
                double half = halfWidths[l][i];
                double lower = values[i] - half;
                intervals.add(Double.isNaN(half) ? new Forecast.Interval(prepared.levels().get(l), null, null)
                        : new Forecast.Interval(prepared.levels().get(l), nonNegative ? Math.max(0, lower) : lower,
                                values[i] + half));
            }
            steps.add(new Forecast.Step(i + 1, last == null ? null : frequency.plus(last, i + 1), values[i], intervals));
        }
        int trained = model.spec().outputSteps();
        return new Forecast(prepared.seriesId(), model.id(), frequency.toString(), horizon,
                model.spec().strategy().name(), trained, horizon > trained, prepared.levels(),
                intervalWidths.complete() ? null
                        : "the input values give no error to make intervals from (fewer than three values)",
                inputRead(prepared, guarded.input()), steps, guarded.fallback(), intervalWidths.sources());
    }

    /**
     * What the forecast read: the model's input, or, where a fallback read further back to forecast (gap-free values
     * only), those values.
     */
    private static Forecast.InputSummary inputRead(Prepared prepared, History read) {
        Forecast.InputSummary model = prepared.input();
        if (model == null || read.length() <= prepared.history().length()) {
            return model;
        }
        return new Forecast.InputSummary(model.source(), read.length(),
                prepared.frequency().plus(read.last(), -(read.length() - 1L)), model.to(), model.seriesPoints(),
                model.missingInSeries(), model.gapHandling() + "; the fallback read the latest values back to the "
                        + "last missing one, gaps neither filled nor masked", 0, 0);
    }
}
