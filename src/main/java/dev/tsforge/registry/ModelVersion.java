package dev.tsforge.registry;

import dev.tsforge.evaluation.ConformalCalibration;
import dev.tsforge.evaluation.HoldoutEvaluation;
import dev.tsforge.evaluation.PanelEvaluation;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.StatisticalSpec;
import java.time.Instant;
import java.util.List;

/**
 * A trained model of a series and where it came from: its spec (with the seed), its lineage, the data it saw, how
 * training went, how it did on the holdout against the baselines, and the artifact file. An imported model has no
 * training job, data range or training losses, and an evaluation only when the series was long enough.
 *
 * @param seriesId    the series it forecasts; 0 for a global model (ids start at 1), which forecasts any series of
 *                    its collection
 * @param calibration the errors that prediction intervals are made from (null: no intervals)
 * @param guard       what keeps its forecasts plausible
 * @param panel       for a global model, the collection it was trained on and its measures over the members; null for
 *                    a model of one series
 */
public record ModelVersion(long id, long seriesId, Lineage lineage, ModelSpec spec, TrainingData data,
        TrainingRun run, HoldoutEvaluation evaluation, ConformalCalibration calibration, Guard guard,
        Artifact artifact, Instant createdAt, Panel panel) {

    /** A model of one series. */
    public ModelVersion(long id, long seriesId, Lineage lineage, ModelSpec spec, TrainingData data, TrainingRun run,
            HoldoutEvaluation evaluation, ConformalCalibration calibration, Guard guard, Artifact artifact,
            Instant createdAt) {
        this(id, seriesId, lineage, spec, data, run, evaluation, calibration, guard, artifact, createdAt, null);
    }

    /**
     * What a global model was trained on and how it did over its members (each member's own holdout measures are
     * rows of their own: {@code GET /models/{id}/members}).
     *
     * @param labelSelection the {@code key:value} filters that chose the members, comma-separated; null for all
     */
    public record Panel(long collectionId, String labelSelection, PanelEvaluation evaluation) {
    }

    /** Trained across the members of a collection, rather than on one series. */
    public boolean global() {
        return panel != null;
    }

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
     * What keeps a model's forecasts plausible: the range of the values it was trained on (a forecast far outside it
     * is a divergence) and the statistical model a forecast falls back to then.
     *
     * @param fallback the best statistical candidate of its AUTO search (seasonal naive where the holdout hid the
     *                 season); null for seasonal naive (models trained without AUTO, or before fallbacks were stored)
     * @param valueMin the smallest training value; null when unknown (imported, or trained before it was stored)
     * @param valueMax the largest training value; null when unknown
     */
    public record Guard(StatisticalSpec fallback, Double valueMin, Double valueMax) {

        public static final Guard NONE = new Guard(null, null, null);

        /** The range of the finite values of {@code runs}, with a fallback. */
        public static Guard of(StatisticalSpec fallback, List<double[]> runs) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double[] run : runs) {
                for (double value : run) {
                    if (Double.isFinite(value)) {
                        min = Math.min(min, value);
                        max = Math.max(max, value);
                    }
                }
            }
            return min <= max ? new Guard(fallback, min, max) : new Guard(fallback, null, null);
        }
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
