package dev.tsforge.ledger;

import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.series.CollectionService;
import dev.tsforge.series.SeriesCollection;
import dev.tsforge.series.SeriesEvents;
import dev.tsforge.series.SeriesService;
import dev.tsforge.web.ApiProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/** Reading the ledger: recorded forecasts, and live accuracy with drift per series or collection. */
@Service
public class Ledger {

    private final LedgerRepository ledger;
    private final DriftRepository drifts;
    private final RecordingPolicies policies;
    private final SeriesService series;
    private final CollectionService collections;
    private final ModelRegistry registry;
    private final LedgerProperties properties;

    Ledger(LedgerRepository ledger, DriftRepository drifts, RecordingPolicies policies, SeriesService series,
            CollectionService collections, ModelRegistry registry, LedgerProperties properties) {
        this.ledger = ledger;
        this.drifts = drifts;
        this.policies = policies;
        this.series = series;
        this.collections = collections;
        this.registry = registry;
        this.properties = properties;
    }

    public record Page(List<RecordedForecast> items, int page, int size, long totalItems) {
    }

    /** @throws ApiProblemException 404 unknown series */
    public Page recorded(long seriesId, int page, int size) {
        series.get(seriesId);
        // counted before the page is read: the writer thread commits between the two statements, and a count taken
        // after the page could announce a forecast the page does not hold (seen as an empty first page of "1")
        long total = ledger.count(seriesId);
        return new Page(ledger.page(seriesId, page * size, size), page, size, total);
    }

    /**
     * @param days the window, or null for {@code tsforge.ledger.accuracy-window-days}
     * @throws ApiProblemException 404 unknown series
     */
    public LiveAccuracy ofSeries(long seriesId, Integer days) {
        series.get(seriesId);
        int window = window(days);
        return report(seriesId, null, ledger.scored(List.of(seriesId)), window, true);
    }

    /**
     * The series' scored steps, oldest target first (all retained, every model).
     *
     * @throws ApiProblemException 404 unknown series
     */
    public List<RecordedStep> scoredSteps(long seriesId) {
        series.get(seriesId);
        return ledger.scored(List.of(seriesId));
    }

    /** @throws ApiProblemException 404 unknown collection */
    public LiveAccuracy ofCollection(String name, Integer days) {
        SeriesCollection collection = collections.get(name);
        return report(null, collection.name(), ledger.scoredOfCollection(collection.id()), window(days), false);
    }

    private int window(Integer days) {
        if (days != null && days < 1) {
            throw ApiProblemException.invalidField("days", "at least 1");
        }
        return days == null ? properties.accuracyWindowDays() : days;
    }

    private LiveAccuracy report(Long seriesId, String collection, List<RecordedStep> all, int days, boolean byStep) {
        Instant to = all.isEmpty() ? null : all.get(all.size() - 1).target();
        Instant from = to == null ? null : to.minus(Duration.ofDays(days));
        List<RecordedStep> steps = all.stream().filter(step -> !step.target().isBefore(from)).toList();
        Map<Long, Double> scales = new HashMap<>();
        Scorecard pooled = new Scorecard();
        Map<Integer, Scorecard> pooledSteps = new TreeMap<>();
        Map<List<Long>, Scorecard> perModel = new LinkedHashMap<>();
        Map<List<Long>, Map<Integer, Scorecard>> perModelSteps = new HashMap<>();
        for (RecordedStep step : steps) {
            Double scale = scales.computeIfAbsent(step.modelId(), this::maseScale);
            pooled.add(step, scale);
            pooledSteps.computeIfAbsent(step.step(), k -> new Scorecard()).add(step, scale);
            List<Long> key = List.of(step.seriesId(), step.modelId());
            perModel.computeIfAbsent(key, k -> new Scorecard()).add(step, scale);
            perModelSteps.computeIfAbsent(key, k -> new TreeMap<>())
                    .computeIfAbsent(step.step(), k -> new Scorecard()).add(step, scale);
        }
        Map<Long, Map<Long, Drift>> drift = drifts.of(perModel.keySet().stream().map(key -> key.get(0))
                .distinct().toList());
        List<LiveAccuracy.Accuracy> models = new ArrayList<>();
        int drifting = 0;
        for (Map.Entry<List<Long>, Scorecard> entry : perModel.entrySet()) {
            long series = entry.getKey().get(0);
            long model = entry.getKey().get(1);
            Drift evidence = drift.getOrDefault(series, Map.of()).get(model);
            drifting += evidence != null && evidence.drifting() ? 1 : 0;
            models.add(new LiveAccuracy.Accuracy(series, model, entry.getValue().model(),
                    entry.getValue().seasonalNaive(), byStep ? steps(perModelSteps.get(entry.getKey())) : null,
                    evidence));
        }
        models.sort(Comparator.comparing(LiveAccuracy.Accuracy::seriesId)
                .thenComparing(LiveAccuracy.Accuracy::modelId, Comparator.reverseOrder()));
        return new LiveAccuracy(seriesId, collection, days, from, to, new LiveAccuracy.Accuracy(null, null,
                pooled.model(), pooled.seasonalNaive(), steps(pooledSteps), null), models, drifting);
    }

    private static List<LiveAccuracy.Step> steps(Map<Integer, Scorecard> byStep) {
        List<LiveAccuracy.Step> steps = new ArrayList<>(byStep.size());
        byStep.forEach((step, card) -> steps.add(new LiveAccuracy.Step(step, card.model(), card.seasonalNaive())));
        return steps;
    }

    private Double maseScale(long modelId) {
        try {
            return ModelReference.of(registry.version(modelId)).maseScale();
        } catch (ApiProblemException deleted) {
            return null;
        }
    }

    /** A deleted series takes its ledger with it, in the deleting transaction. */
    @EventListener
    void seriesDeleted(SeriesEvents.Deleted deleted) {
        ledger.deleteSeries(deleted.seriesId());
        drifts.deleteSeries(deleted.seriesId());
        policies.forget(deleted.seriesId());
    }
}
