package dev.tsforge.forecasting;

import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.series.CollectionService;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesCollection;
import dev.tsforge.series.SeriesFilter;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Forecasts every member of a collection (or of a label selection), each from its champion or all from one model,
 * handed over a chunk at a time so that a caller can stream them: the members' recent points are read a chunk at a
 * time, never the whole collection at once, and a chunk's members of one model are forecast together
 * ({@link ForecastService#forecastMembers}, the guarded path of single forecasts).
 */
@Service
public class CollectionForecasts {

    /**
     * Members per chunk: their windows are read in two queries and forecast in one call of each model. Large enough
     * that per-query and per-pass costs vanish, small enough to keep a chunk's points and forecasts a few MB.
     */
    static final int CHUNK = 1_000;

    private final CollectionService collections;
    private final ModelRegistry registry;
    private final ForecastService forecasts;

    CollectionForecasts(CollectionService collections, ModelRegistry registry,
            ForecastService forecasts) {
        this.collections = collections;
        this.registry = registry;
        this.forecasts = forecasts;
    }

    /**
     * What to forecast, checked: everything that can fail for the whole call fails here, before anything is streamed.
     *
     * @param model null: each member's champion
     */
    public record Plan(SeriesCollection collection, SeriesFilter filter, int horizon, List<Double> levels,
            ModelVersion model) {
    }

    /** One member's forecast, or the problem that kept it from having one. */
    public interface Sink {

        void accept(Series member, BatchOutcome outcome) throws IOException;
    }

    /**
     * @param modelId null for each member's champion; otherwise a model used for every member (a global model)
     * @throws ApiProblemException 400 invalid horizon, levels or label filter, 404 unknown collection or model, 422 a
     *                             model on another grid than the collection's
     */
    public Plan plan(String collection, List<String> labels, Integer horizon, List<Double> levels, Long modelId) {
        SeriesCollection target = collections.get(collection);
        SeriesFilter filter = collections.filter(collection, labels);
        int checkedHorizon = forecasts.checkHorizon(horizon);
        List<Double> checkedLevels = ForecastService.checkLevels(levels);
        ModelVersion model = modelId == null ? null : registry.version(modelId);
        if (model != null) {
            String trainedOn = forecasts.gridOf(model).toString();
            if (!trainedOn.equals(target.frequency().toString())) {
                throw new ApiProblemException(ProblemType.MODEL_NOT_USABLE, "Model " + modelId + " was trained on a "
                        + trainedOn + " grid; collection '" + collection + "' is on " + target.frequency(),
                        Map.of("modelId", modelId));
            }
        }
        return new Plan(target, filter, checkedHorizon, checkedLevels, model);
    }

    /** Forecasts the plan's members in id order, handing each to {@code sink} as its chunk is done. */
    public void forecast(Plan plan, Sink sink) throws IOException {
        List<Series> members = collections.members(plan.filter());
        for (int from = 0; from < members.size(); from += CHUNK) {
            List<Series> chunk = members.subList(from, Math.min(members.size(), from + CHUNK));
            List<BatchOutcome> outcomes = forecastChunk(plan, chunk);
            for (int i = 0; i < chunk.size(); i++) {
                sink.accept(chunk.get(i), outcomes.get(i));
            }
        }
    }

    private List<BatchOutcome> forecastChunk(Plan plan, List<Series> chunk) {
        BatchOutcome[] outcomes = new BatchOutcome[chunk.size()];
        Map<Long, ModelVersion> models = new LinkedHashMap<>();
        Map<Long, List<Integer>> byModel = new LinkedHashMap<>();
        for (int i = 0; i < chunk.size(); i++) {
            try {
                ModelVersion model = plan.model() != null ? plan.model() : registry.requireChampion(chunk.get(i).id());
                models.putIfAbsent(model.id(), model);
                byModel.computeIfAbsent(model.id(), id -> new ArrayList<>()).add(i);
            } catch (ApiProblemException noChampion) {
                outcomes[i] = new BatchOutcome.Refused(noChampion);
            }
        }
        byModel.forEach((modelId, positions) -> {
            List<BatchOutcome> done = forecasts.forecastMembers(models.get(modelId),
                    positions.stream().map(chunk::get).toList(), plan.horizon(), plan.levels());
            for (int g = 0; g < positions.size(); g++) {
                outcomes[positions.get(g)] = done.get(g);
            }
        });
        return List.of(outcomes);
    }
}
