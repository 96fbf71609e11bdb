package dev.tsforge.registry.web;

import dev.tsforge.evaluation.HoldoutEvaluation;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.registry.RegisteredModel;
import java.time.Instant;

/** A model as the API shows it: the registry's record and whether it is the series' champion. */
record ModelView(long id, long seriesId, Long trainingJobId, Long parentModelId, boolean champion, NetworkSpec spec, Instant dataFrom,
        Instant dataTo, int pointCount, int windowCount, int epochsRun, Double trainingLoss, Double validationLoss,
        String stopReason, HoldoutEvaluation evaluation, int calibrationOrigins, long trainingMillis, String engine, String artifact,
        String checksumSha256, long sizeBytes, Instant createdAt) {

    static ModelView of(RegisteredModel registered) {
        ModelVersion m = registered.version();
        return new ModelView(m.id(), m.seriesId(), m.trainingJobId(), m.parentModelId(), registered.champion(), m.spec(), m.dataFrom(),
                m.dataTo(), m.pointCount(), m.windowCount(), m.epochsRun(), m.trainingLoss(), m.validationLoss(),
                m.stopReason(), m.evaluation(), m.calibration() == null ? 0 : m.calibration().origins(),
                m.trainingMillis(), m.engine(), m.artifact(), m.checksumSha256(),
                m.sizeBytes(), m.createdAt());
    }
}
