package dev.tsforge.registry;

import dev.tsforge.config.ModelStorage;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code models} health component: DOWN while registered models cannot forecast because their artifact is missing
 * (no row, or no file) or was found corrupt when read. It is in neither the liveness nor the readiness group: one bad
 * model must not take a replica out, which serves every other model as well as before.
 */
@Component
class ModelsHealthIndicator implements HealthIndicator {

    /** Enough to act on; the log and the forecasts' problems name the rest. */
    static final int LISTED = 20;

    private final ModelArtifacts artifacts;
    private final ModelStore files;
    private final ModelRepository models;

    ModelsHealthIndicator(ModelArtifacts artifacts, ModelStore files, ModelRepository models) {
        this.artifacts = artifacts;
        this.files = files;
        this.models = models;
    }

    @Override
    public Health health() {
        Map<Long, String> unavailable = new LinkedHashMap<>();
        if (artifacts.storage() == ModelStorage.DATABASE) {
            artifacts.missingRows(LISTED).orElseThrow()
                    .forEach(id -> unavailable.put(id, "the database holds no artifact for it"));
        } else {
            models.artifactNames().forEach((id, name) -> {
                if (unavailable.size() < LISTED && !Files.isRegularFile(files.resolve(name))) {
                    unavailable.put(id, "its file is missing");
                }
            });
        }
        artifacts.foundUnavailable().forEach((id, cause) -> {
            if (unavailable.size() < LISTED && models.find(id).isPresent()) {
                unavailable.putIfAbsent(id, cause);
            }
        });
        Health.Builder health = unavailable.isEmpty() ? Health.up() : Health.down();
        return health.withDetail("store", artifacts.storage().name().toLowerCase(Locale.ROOT))
                .withDetail("unavailable", unavailable)
                .build();
    }
}
