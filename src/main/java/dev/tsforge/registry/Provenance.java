package dev.tsforge.registry;

import dev.tsforge.evaluation.HoldoutEvaluation;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.series.Series;
import java.time.Instant;

/**
 * Where a model came from, written beside its artifact and inside it ({@code provenance.json}), so a model file
 * that leaves the service still says what it is: the series, the spec, the lineage, the data, the fit, the holdout
 * evaluation and, for AUTO, the search's account.
 *
 * @param holdoutPoints points held out of training to evaluate the model (0 for an imported model)
 * @param autoSearch    the AUTO search's account; null for a single spec
 * @param imported      true for a model that came in as a file rather than from a training here
 */
public record Provenance(SeriesRef series, ModelVersion.Lineage lineage, ModelSpec spec,
        ModelVersion.TrainingData data, int holdoutPoints, ModelVersion.TrainingRun training,
        HoldoutEvaluation evaluation, String autoSearch, boolean imported, Instant createdAt) {

    /** The series a model belongs to, as it was when the model was made. */
    public record SeriesRef(long id, String name, String frequency, int seasonalPeriod) {

        public static SeriesRef of(Series series) {
            return new SeriesRef(series.id(), series.name(), series.frequency().toString(), series.seasonalPeriod());
        }
    }
}
