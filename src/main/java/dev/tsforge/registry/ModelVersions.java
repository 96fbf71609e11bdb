package dev.tsforge.registry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tsforge.config.TsforgeProperties;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Model rows parsed once. A registered model's row is never updated, but its stored evaluation and calibration are
 * JSON documents whose parsing cost a single forecast more than its network did; a forecast now reads them from
 * here. Whether the row still exists is asked of the database every time (one indexed probe), so a model deleted on
 * any replica stops forecasting at once, as it did when every lookup read the row.
 */
@Component
class ModelVersions {

    private final ModelRepository models;
    private final Cache<Long, ModelVersion> parsed;

    ModelVersions(ModelRepository models, TsforgeProperties properties) {
        this.models = models;
        // as many as the loaded networks: the models being served
        this.parsed = Caffeine.newBuilder().maximumSize(properties.forecasting().cacheSize()).build();
    }

    Optional<ModelVersion> find(long id) {
        ModelVersion cached = parsed.getIfPresent(id);
        if (cached != null) {
            if (models.exists(id)) {
                return Optional.of(cached);
            }
            parsed.invalidate(id);
            return Optional.empty();
        }
        Optional<ModelVersion> read = models.find(id);
        read.ifPresent(model -> parsed.put(id, model));
        return read;
    }

    void forget(long id) {
        parsed.invalidate(id);
    }
}
