package dev.tsforge.registry;

import dev.tsforge.model.NetworkSpec;
import java.time.Instant;

/**
 * A trained model of a series and where it came from: its spec, the data it saw (first and last timestamp,
 * points and windows), its final training loss, the engine, and the artifact file relative to the model store.
 */
public record ModelVersion(long id, long seriesId, long trainingJobId, NetworkSpec spec, Instant dataFrom,
        Instant dataTo, int pointCount, int windowCount, double finalLoss, long trainingMillis, String engine,
        String artifact, Instant createdAt) {
}
