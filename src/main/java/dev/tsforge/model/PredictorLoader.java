package dev.tsforge.model;

import java.nio.file.Path;

/** Loads an artifact written by {@link NetworkTrainer}. */
public interface PredictorLoader {

    Predictor load(Path artifact);

    /**
     * Checks a model file from outside (an import) without trusting it: only the expected entries, a known
     * normaliser, layer types tsforge builds, at most {@code maxUncompressedBytes} unpacked; then loads it and runs
     * one forecast on a window of zeros.
     *
     * @throws InvalidArtifactException saying what is wrong
     */
    ArtifactInfo inspectUntrusted(Path artifact, long maxUncompressedBytes);
}
