package dev.tsforge.registry.web;

import dev.tsforge.evaluation.HoldoutEvaluation;
import dev.tsforge.model.web.SpecView;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.registry.RegisteredModel;
import java.time.Instant;

/** A model as the API shows it: the registry's record and whether it is the series' champion. */
record ModelView(long id, long seriesId, Long trainingJobId, Long parentModelId, boolean champion, SpecView spec, Instant dataFrom,
        Instant dataTo, int pointCount, int windowCount, int epochsRun, Double trainingLoss, Double validationLoss,
        String stopReason, HoldoutEvaluation evaluation, int calibrationOrigins, long trainingMillis, String engine, String artifact,
        String checksumSha256, long sizeBytes, Instant createdAt) {

    static ModelView of(RegisteredModel registered) {
        ModelVersion m = registered.version();
        return new ModelView(m.id(), m.seriesId(), m.trainingJobId(), m.parentModelId(), registered.champion(),
                SpecView.of(m.spec()), m.data().from(), m.data().to(), m.data().points(), m.data().windows(),
                m.run().epochsRun(), m.run().trainingLoss(), m.run().validationLoss(), m.run().stopReason(),
                m.evaluation(), m.calibration() == null ? 0 : m.calibration().origins(), m.run().millis(),
                m.run().engine(), m.artifact().name(), m.artifact().checksumSha256(), m.artifact().sizeBytes(),
                m.createdAt());
    }
}
