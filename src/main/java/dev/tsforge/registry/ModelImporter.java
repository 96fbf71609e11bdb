package dev.tsforge.registry;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.evaluation.HoldoutEvaluation;
import dev.tsforge.evaluation.HoldoutSplit;
import dev.tsforge.evaluation.NotEnoughHistoryException;
import dev.tsforge.model.ArtifactInfo;
import dev.tsforge.model.History;
import dev.tsforge.model.MissingCovariatesException;
import dev.tsforge.model.InvalidArtifactException;
import dev.tsforge.model.ModelLoader;
import dev.tsforge.model.Predictor;
import dev.tsforge.series.GapFreeRuns;
import dev.tsforge.series.Point;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesService;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Takes a model file exported from another instance ({@code GET /models/{id}/artifact}) into a series: checks it
 * without trusting it, measures it on the series' holdout beside the baselines when the series is long enough, and
 * registers it as a challenger.
 */
@Service
public class ModelImporter {

    /** A zip of float arrays compresses little: four times the upload bounds what it may unpack to. */
    private static final int UNPACK_FACTOR = 4;

    private final SeriesService series;
    private final ModelRegistry registry;
    private final ModelStore store;
    private final ModelLoader loader;
    private final TsforgeProperties properties;
    private final Clock clock;

    ModelImporter(SeriesService series, ModelRegistry registry, ModelStore store, ModelLoader loader,
            TsforgeProperties properties, Clock clock) {
        this.series = series;
        this.registry = registry;
        this.store = store;
        this.loader = loader;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @throws ApiProblemException 404 unknown series, 413 too large, 422 not a valid tsforge model
     */
    public RegisteredModel importModel(long seriesId, InputStream body) {
        Series target = series.get(seriesId);
        String artifact = store.importName(seriesId);
        // the store's bound too: an upload it would refuse is refused as it comes in
        long maxBytes = Math.min(properties.limits().maxArtifactBytes(), store.maxBytes());
        Path upload = null;
        try {
            upload = store.receive(body, artifact, maxBytes);
            ArtifactInfo info = loader.inspectUntrusted(upload, maxBytes * UNPACK_FACTOR);
            store.commit(upload, artifact);
            HoldoutEvaluation evaluation = evaluate(target, info, loader.load(store.resolve(artifact)));
            ModelVersion.TrainingRun run = new ModelVersion.TrainingRun(0, null, null, "imported", 0, info.engine());
            Instant now = clock.instant();
            store.writeProvenance(artifact, new Provenance(Provenance.SeriesRef.of(target),
                    ModelVersion.Lineage.IMPORTED, info.spec(), ModelVersion.TrainingData.UNKNOWN, 0, run, evaluation,
                    null, true, now));
            ModelVersion model = new ModelVersion(0, seriesId, ModelVersion.Lineage.IMPORTED, info.spec(),
                    ModelVersion.TrainingData.UNKNOWN, run, evaluation, null, ModelVersion.Guard.NONE,
                    store.artifact(artifact), now);
            return registry.get(registry.registerImported(model));
        } catch (InvalidArtifactException e) {
            store.delete(artifact);
            throw new ApiProblemException(ProblemType.INVALID_ARTIFACT, "The file is not a valid tsforge model: "
                    + e.getMessage() + ".");
        } catch (IOException e) {
            store.delete(artifact);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            store.delete(artifact);
            throw e;
        } finally {
            deleteQuietly(upload);
        }
    }

    /** The imported model on the series' last {@code horizon} points, or null when the series is too short. */
    private HoldoutEvaluation evaluate(Series target, ArtifactInfo info, Predictor predictor) {
        try {
            List<Point> points = series.points(target.id(), null, null);
            HoldoutSplit split = HoldoutSplit.of(GapFreeRuns.split(points, target.frequency()),
                    info.spec().horizon(), info.lookback());
            // the history ends where the holdout starts: a model with calendar covariates needs its time
            Instant historyLast = points.isEmpty() ? null
                    : target.frequency().plus(points.get(points.size() - 1).timestamp(), -info.spec().horizon());
            return HoldoutEvaluation.of(split.history(), split.holdout(), predictor.forecast(History.of(
                    split.history(), historyLast, target.frequency()), info.spec().horizon()), target.seasonalPeriod());
        } catch (NotEnoughHistoryException e) {
            return null;
        } catch (MissingCovariatesException e) {
            // a model reading covariate series is not measured on import: the holdout's values are not looked up
            return null;
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a leftover .upload file is never read as a model
            }
        }
    }
}
