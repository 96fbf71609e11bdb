package dev.tsforge.registry.web;

import dev.tsforge.evaluation.HoldoutEvaluation;
import dev.tsforge.evaluation.PanelEvaluation;
import dev.tsforge.model.web.SpecView;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.registry.RegisteredModel;
import java.time.Instant;
import java.util.List;

/**
 * A model as the API shows it: the registry's record and whether it is the series' champion. A global model has no
 * series ({@code seriesId} null, {@code champion} false): {@code global} says which collection it was trained on and
 * how it did over the members.
 */
record ModelView(long id, Long seriesId, Long trainingJobId, Long parentModelId, boolean champion, SpecView spec, Instant dataFrom,
        Instant dataTo, int pointCount, int windowCount, int epochsRun, Double trainingLoss, Double validationLoss,
        String stopReason, HoldoutEvaluation evaluation, int calibrationOrigins, long trainingMillis, String engine, String artifact,
        String checksumSha256, long sizeBytes, Instant createdAt, GlobalView global) {

    /**
     * @param labels      the {@code key:value} filters that chose the members; empty for all
     * @param members     members it was measured on
     * @param evaluation  its measures over the members' holdouts, beside the baselines'
     * @param championOf  how many members it is the champion of now
     */
    record GlobalView(String collection, List<String> labels, int members, PanelEvaluation evaluation,
            long championOf) {
    }

    static ModelView of(RegisteredModel registered) {
        return of(registered, null);
    }

    static ModelView of(RegisteredModel registered, GlobalView global) {
        ModelVersion m = registered.version();
        return new ModelView(m.id(), m.global() ? null : m.seriesId(), m.trainingJobId(), m.parentModelId(), registered.champion(),
                SpecView.of(m.spec()), m.data().from(), m.data().to(), m.data().points(), m.data().windows(),
                m.run().epochsRun(), m.run().trainingLoss(), m.run().validationLoss(), m.run().stopReason(),
                m.evaluation(), m.calibration() == null ? 0 : m.calibration().origins(), m.run().millis(),
                m.run().engine(), m.artifact().name(), m.artifact().checksumSha256(), m.artifact().sizeBytes(),
                m.createdAt(), global);
    }
}
