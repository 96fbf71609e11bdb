package dev.tsforge.model.internal.network;

import dev.tsforge.model.ArtifactInfo;
import dev.tsforge.model.CovariateValues;
import dev.tsforge.model.History;
import dev.tsforge.model.InvalidArtifactException;
import dev.tsforge.model.ModelLoader;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.Predictor;
import dev.tsforge.model.SpecOptions;
import dev.tsforge.model.internal.artifact.ArtifactFormat;
import dev.tsforge.model.internal.artifact.SpecProperties;
import dev.tsforge.model.internal.covariate.CovariateColumns;
import dev.tsforge.series.Frequency;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import org.springframework.stereotype.Component;

/** Loads and checks network artifacts; {@link ModelLoader} is the entry point. */
@Component
public class Dl4jPredictorLoader {

    private static final Instant PROBE_TIME = Instant.parse("2024-01-01T00:00:00Z");
    private static final Frequency PROBE_GRID = Frequency.parse("PT1H");

    public Predictor load(Path artifact) {
        try {
            return load(artifact, ArtifactFormat.readMetadata(artifact));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read model artifact " + artifact + ": " + e.getMessage(), e);
        }
    }

    /** {@link #load(Path)} with the artifact's metadata already read. */
    public Predictor load(Path artifact, Properties metadata) {
        try {
            ArtifactInfo info = SpecProperties.read(metadata);
            Pair<MultiLayerNetwork, Normalizer> restored;
            try (ArtifactFormat.Dl4jFile file = ArtifactFormat.forDl4j(artifact, metadata)) {
                restored = ModelSerializer.restoreMultiLayerNetworkAndNormalizer(file.path().toFile(), false);
            }
            if (!(restored.getSecond() instanceof DataNormalization normalizer)) {
                throw new InvalidArtifactException("the model has no normaliser");
            }
            if (!(info.spec() instanceof NetworkSpec spec)) {
                throw new InvalidArtifactException("the metadata describes no network");
            }
            if (CovariateSchema.width(metadata) != spec.covariates().width()) {
                throw new InvalidArtifactException("the covariate schema names " + CovariateSchema.width(metadata)
                        + " inputs, the spec " + spec.covariates().width());
            }
            return new Dl4jPredictor(restored.getFirst(), normalizer, spec.normalization().anchored(),
                    spec.normalization() == SpecOptions.Normalization.WINDOW, info.lookback(), info.outputSteps(),
                    true, spec.rollout() == SpecOptions.Rollout.STATEFUL,
                    spec.covariates().isEmpty() ? null : CovariateColumns.of(spec.covariates()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read model artifact " + artifact + ": " + e.getMessage(), e);
        }
    }

    /**
     * Zeros for every covariate series the spec names, over the probe's window and pass: the probe checks that the
     * network runs, not what it forecasts.
     */
    private static CovariateValues probeCovariates(ArtifactInfo info) {
        if (!(info.spec() instanceof NetworkSpec spec) || spec.covariates().series().isEmpty()) {
            return CovariateValues.NONE;
        }
        Map<Instant, Double> zeros = new HashMap<>();
        for (int i = -(info.lookback() + info.outputSteps()); i <= 2 * info.outputSteps(); i++) {
            zeros.put(PROBE_GRID.plus(PROBE_TIME, i), 0.0);
        }
        Map<String, Map<Instant, Double>> byName = new HashMap<>();
        spec.covariates().series().forEach(c -> byName.put(c.name(), zeros));
        return new CovariateValues(byName);
    }

    public ArtifactInfo inspectUntrusted(Path artifact, long maxUncompressedBytes) {
        ArtifactFormat.verifyUntrusted(artifact, maxUncompressedBytes);
        ArtifactInfo info;
        Predictor predictor;
        try {
            info = SpecProperties.read(ArtifactFormat.readMetadata(artifact));
            predictor = load(artifact);
        } catch (IOException | RuntimeException e) {
            throw e instanceof InvalidArtifactException invalid ? invalid
                    : new InvalidArtifactException("the model cannot be loaded (" + e.getMessage() + ")");
        }
        if (predictor.outputSteps() != info.outputSteps() || predictor.lookback() != info.lookback()) {
            throw new InvalidArtifactException("the metadata does not match the network");
        }
        double[] probe;
        try {
            // an hourly grid: every calendar feature varies along it
            probe = predictor.forecast(History.of(new double[info.lookback()], PROBE_TIME, PROBE_GRID)
                    .with(probeCovariates(info)), info.outputSteps());
        } catch (RuntimeException e) {
            throw new InvalidArtifactException("the network does not run on a " + info.lookback()
                    + "-step window (" + e.getMessage() + ")");
        }
        if (Arrays.stream(probe).anyMatch(v -> !Double.isFinite(v))) {
            throw new InvalidArtifactException("the network forecasts non-finite values");
        }
        return info;
    }
}
