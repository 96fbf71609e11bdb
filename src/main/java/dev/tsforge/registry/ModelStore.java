package dev.tsforge.registry;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.model.ModelFiles;
import dev.tsforge.series.SeriesEvents;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The directory of model artifacts: {@code <model-dir>/series-<id>/job-<id>.zip} with its provenance
 * {@code job-<id>.json} beside it. One folder per series, so deleting a series removes its models in one go. Every
 * model is written here first; when models are stored in the database ({@link ModelArtifacts}), only while it is
 * written and registered.
 */
@Component
public class ModelStore {

    private static final Logger log = LoggerFactory.getLogger(ModelStore.class);

    private final Path root;
    private final long maxBytes;
    private final JsonMapper json;

    ModelStore(TsforgeProperties properties, JsonMapper json) {
        this.root = properties.storage().modelDir().toAbsolutePath().normalize();
        this.maxBytes = properties.storage().maxModelBytes();
        this.json = json;
    }

    /** The artifact name, relative to the store, of the model a training job produces. */
    public String artifactName(long seriesId, long jobId) {
        return "series-" + seriesId + "/job-" + jobId + ".zip";
    }

    /** The artifact name of the global model a collection's training job produces. */
    public String globalArtifactName(long collectionId, long jobId) {
        return "collection-" + collectionId + "/job-" + jobId + ".zip";
    }

    /** A fresh artifact name for a model imported into a series. */
    String importName(long seriesId) {
        return "series-" + seriesId + "/import-" + UUID.randomUUID() + ".zip";
    }

    /**
     * Stores an upload under a temporary name beside its final place, refusing more than {@code maxBytes}.
     *
     * @return the temporary file
     */
    Path receive(InputStream body, String artifactName, long maxBytes) throws IOException {
        Path temporary = resolve(artifactName + ".upload");
        Files.createDirectories(temporary.getParent());
        try (OutputStream out = Files.newOutputStream(temporary)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                total += read;
                if (total > maxBytes) {
                    out.close();
                    Files.deleteIfExists(temporary);
                    throw new ApiProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The model file is larger than "
                            + maxBytes + " bytes (tsforge.limits.max-artifact-bytes).", Map.of("maxBytes", maxBytes));
                }
                out.write(buffer, 0, read);
            }
        }
        return temporary;
    }

    void commit(Path temporary, String artifactName) throws IOException {
        Files.move(temporary, resolve(artifactName), StandardCopyOption.ATOMIC_MOVE);
    }

    public Path resolve(String artifactName) {
        return root.resolve(artifactName);
    }

    /**
     * Writes the provenance into the artifact and beside it as JSON ({@code job-<id>.json}), each atomically like
     * the artifact itself; before {@link #artifact}, so that the checksum covers the provenance inside. An imported
     * file is kept byte for byte as it came (its checksum is the one its owner knows): its provenance goes beside it
     * only.
     */
    public void writeProvenance(String artifactName, Provenance provenance) {
        Path target = resolve(artifactName.replaceFirst("\\.zip$", ".json"));
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            byte[] text = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(provenance);
            if (!provenance.imported()) {
                ModelFiles.putProvenance(resolve(artifactName), text);
            }
            Files.createDirectories(target.getParent());
            Files.write(temporary, text);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write provenance " + target + ": " + e.getMessage(), e);
        }
    }

    /** Removes an artifact and its provenance; used when registering it failed. */
    public void delete(String artifactName) {
        deleteQuietly(resolve(artifactName));
        deleteQuietly(resolve(artifactName.replaceFirst("\\.zip$", ".json")));
    }

    /** Removes the files once the current transaction commits (at once without one). */
    void deleteAfterCommit(String artifactName) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    delete(artifactName);
                }
            });
        } else {
            delete(artifactName);
        }
    }

    /**
     * The written artifact with its SHA-256 (hex) and size, so that a copy can be checked.
     *
     * @throws ApiProblemException 413 when it is larger than the store takes ({@code tsforge.storage.max-model-bytes})
     */
    public ModelVersion.Artifact artifact(String artifactName) {
        Path file = resolve(artifactName);
        long size = size(file);
        if (size > maxBytes) {
            throw new ApiProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The model artifact is " + size
                    + " bytes, more than the " + maxBytes + " bytes the model store takes "
                    + "(tsforge.storage.max-model-bytes): choose a smaller network.",
                    Map.of("sizeBytes", size, "maxBytes", maxBytes));
        }
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                sha256.update(buffer, 0, read);
            }
            return new ModelVersion.Artifact(artifactName, HexFormat.of().formatHex(sha256.digest()), Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read artifact " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The most bytes an artifact may have in the store. */
    long maxBytes() {
        return maxBytes;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read artifact " + file + ": " + e.getMessage(), e);
        }
    }

    @TransactionalEventListener
    void seriesDeleted(SeriesEvents.Deleted event) {
        Path folder = root.resolve("series-" + event.seriesId());
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(ModelStore::deleteQuietly);
        } catch (IOException e) {
            log.warn("Could not remove model folder {} of deleted series: {}", folder, e.getMessage());
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", path, e.getMessage());
        }
    }
}
