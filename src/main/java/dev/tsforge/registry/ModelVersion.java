package dev.tsforge.registry;

import dev.tsforge.evaluation.ConformalCalibration;
import dev.tsforge.evaluation.HoldoutEvaluation;
import dev.tsforge.model.NetworkSpec;
import java.time.Instant;

/**
 * A trained model of a series and where it came from: its spec (with the seed), the data it saw (first and last
 * timestamp, points, windows), how training went, how it did on the holdout against the baselines, the engine,
 * and the artifact file (relative to the model store) with its SHA-256 and size. {@code parentModelId} is the model
 * a warm start continued from (its lineage), null for a model trained from scratch. An imported model has no
 * training job, data range or training losses (null), and an evaluation only when the series was long enough.
 * {@code calibration} holds the errors that prediction intervals are made from (null: no intervals).
 */
public record ModelVersion(long id, long seriesId, Long trainingJobId, Long parentModelId, NetworkSpec spec, Instant dataFrom,
        Instant dataTo, int pointCount, int windowCount, int epochsRun, Double trainingLoss, Double validationLoss,
        String stopReason, HoldoutEvaluation evaluation, ConformalCalibration calibration, long trainingMillis, String engine, String artifact,
        String checksumSha256, long sizeBytes, Instant createdAt) {
}
