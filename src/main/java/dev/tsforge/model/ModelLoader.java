package dev.tsforge.model;

import dev.tsforge.model.internal.artifact.ArtifactFormat;
import dev.tsforge.model.internal.artifact.SpecProperties;
import dev.tsforge.model.internal.network.Dl4jPredictorLoader;
import dev.tsforge.model.internal.statistical.StatisticalModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * Loads an artifact written by {@link ModelTrainer}: reads its metadata and hands a statistical model to
 * {@link StatisticalModels}, a network to DL4J. The one entry point for loading. Imports are networks only: DL4J's checks
 * apply to them.
 */
@Component
public class ModelLoader {

    private final Dl4jPredictorLoader networks;

    public ModelLoader(Dl4jPredictorLoader networks) {
        this.networks = networks;
    }

    public Predictor load(Path artifact) {
        Properties metadata;
        try {
            metadata = ArtifactFormat.readMetadata(artifact);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read model artifact " + artifact + ": " + e.getMessage(), e);
        }
        return SpecProperties.isStatistical(metadata) ? StatisticalModels.load(metadata)
                : networks.load(artifact, metadata);
    }

    /**
     * Checks a model file from outside (an import) without trusting it: only the expected entries, a known
     * normaliser, layer types tsforge builds, at most {@code maxUncompressedBytes} unpacked; then loads it and runs
     * one forecast on a window of zeros.
     *
     * @throws InvalidArtifactException saying what is wrong
     */
    public ArtifactInfo inspectUntrusted(Path artifact, long maxUncompressedBytes) {
        return networks.inspectUntrusted(artifact, maxUncompressedBytes);
    }
}
