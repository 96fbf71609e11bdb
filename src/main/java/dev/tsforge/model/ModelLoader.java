package dev.tsforge.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The loader the service uses: reads the artifact's metadata and hands a {@link Architecture#THETA} model to
 * {@link ThetaModels}, a network to DL4J. Imports are networks only: DL4J's checks apply to them.
 */
@Primary
@Component
class ModelLoader implements PredictorLoader {

    private final Dl4jPredictorLoader networks;

    ModelLoader(Dl4jPredictorLoader networks) {
        this.networks = networks;
    }

    @Override
    public Predictor load(Path artifact) {
        Properties metadata;
        try {
            metadata = ArtifactFormat.readMetadata(artifact);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read model artifact " + artifact + ": " + e.getMessage(), e);
        }
        return ThetaModels.isTheta(metadata) ? ThetaModels.load(metadata) : networks.load(artifact, metadata);
    }

    @Override
    public ArtifactInfo inspectUntrusted(Path artifact, long maxUncompressedBytes) {
        return networks.inspectUntrusted(artifact, maxUncompressedBytes);
    }
}
