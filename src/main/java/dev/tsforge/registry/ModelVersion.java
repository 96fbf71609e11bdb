package dev.tsforge.registry;

import dev.tsforge.evaluation.ConformalCalibration;
import dev.tsforge.evaluation.HoldoutEvaluation;
import dev.tsforge.model.ModelSpec;
import java.time.Instant;

/**
 * A trained model of a series and where it came from: its spec (with the seed), its lineage, the data it saw, how
 * training went, how it did on the holdout against the baselines, and the artifact file. An imported model has no
 * training job, data range or training losses, and an evaluation only when the series was long enough.
 *
 * @param calibration the errors that prediction intervals are made from (null: no intervals)
 */
public record ModelVersion(long id, long seriesId, Lineage lineage, ModelSpec spec, TrainingData data,
        TrainingRun run, HoldoutEvaluation evaluation, ConformalCalibration calibration, Artifact artifact,
        Instant createdAt) {

    /**
     * @param trainingJobId the job that trained it; null for an imported model
     * @param parentModelId the model a warm start continued from; null for a model trained from scratch
     */
    public record Lineage(Long trainingJobId, Long parentModelId) {

        public static final Lineage IMPORTED = new Lineage(null, null);
    }

    /**
     * The training data: first and last timestamp (null for an imported model), grid points and windows.
     */
    public record TrainingData(Instant from, Instant to, int points, int windows) {

        public static final TrainingData UNKNOWN = new TrainingData(null, null, 0, 0);
    }

    /**
     * How the fit went.
     *
     * @param engine the library and backend that trained it
     */
    public record TrainingRun(int epochsRun, Double trainingLoss, Double validationLoss, String stopReason,
            long millis, String engine) {
    }

    /**
     * The artifact file, relative to the model store, with its SHA-256 and size.
     */
    public record Artifact(String name, String checksumSha256, long sizeBytes) {
    }

    public Long trainingJobId() {
        return lineage.trainingJobId();
    }

    public Long parentModelId() {
        return lineage.parentModelId();
    }
}
