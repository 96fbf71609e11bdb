package dev.tsforge.forecasting;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.model.ModelLoader;
import dev.tsforge.model.Predictor;
import dev.tsforge.registry.ModelArtifacts;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.registry.RegistryEvents;
import dev.tsforge.series.SeriesEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Loaded networks by model id, bounded by {@code tsforge.forecasting.cache-size}: reading a model zip costs far
 * more than a forecast, so a model is loaded once and then shared (predictors are thread-safe).
 */
@Component
public class PredictorCache {

    private static final Logger log = LoggerFactory.getLogger(PredictorCache.class);

    private final Cache<Long, CachedPredictor> cache;
    private final ModelLoader loader;
    private final ModelArtifacts artifacts;

    PredictorCache(TsforgeProperties properties, ModelLoader loader, ModelArtifacts artifacts,
            MeterRegistry registry) {
        this.cache = Caffeine.newBuilder().maximumSize(properties.forecasting().cacheSize()).recordStats().build();
        // cache.size, cache.gets{result=hit|miss}, cache.evictions, cache.puts with cache="tsforge.models"
        CaffeineCacheMetrics.monitor(registry, cache, "tsforge.models");
        this.loader = loader;
        this.artifacts = artifacts;
    }

    /**
     * The model's predictor, loaded on first use; shared by concurrent callers.
     *
     * @throws dev.tsforge.web.ApiProblemException 409 {@code model-unavailable} when its artifact is missing or corrupt
     *                                             (not cached: a restored artifact serves at the next call)
     */
    public Predictor get(ModelVersion model) {
        return cache.get(model.id(), id -> load(model)).predictor();
    }

    private CachedPredictor load(ModelVersion model) {
        long started = System.nanoTime();
        Predictor predictor = shared(artifacts.read(model, loader::load));
        // a cold load explains a slow forecast: say which model and how long
        log.info("Loaded model {} of series {} into the cache in {} ms", model.id(), model.seriesId(),
                (System.nanoTime() - started) / 1_000_000);
        return new CachedPredictor(model.seriesId(), predictor);
    }

    /** Batched where a pass runs one at a time; as it is where calls run in parallel. */
    private static Predictor shared(Predictor predictor) {
        return predictor.runsInParallel() ? predictor : new CoalescingPredictor(predictor);
    }

    @TransactionalEventListener
    void seriesDeleted(SeriesEvents.Deleted event) {
        cache.asMap().values().removeIf(cached -> cached.seriesId() == event.seriesId());
    }

    @TransactionalEventListener
    void modelDeleted(RegistryEvents.ModelDeleted event) {
        cache.invalidate(event.modelId());
    }

    private record CachedPredictor(long seriesId, Predictor predictor) {
    }
}
