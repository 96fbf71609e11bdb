package dev.tsforge.model;

import dev.tsforge.model.internal.artifact.ArtifactFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** What the rest of the service may do to a model file besides loading it. */
public final class ModelFiles {

    private ModelFiles() {
    }

    /**
     * Writes a model's provenance (JSON) into its file, so that the file says where it came from wherever it is
     * copied. The file is replaced atomically.
     */
    public static void putProvenance(Path artifact, byte[] json) {
        try {
            ArtifactFormat.putEntry(artifact, ArtifactFormat.PROVENANCE, json);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write provenance into " + artifact + ": " + e.getMessage(), e);
        }
    }
}
