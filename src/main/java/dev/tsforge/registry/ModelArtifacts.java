package dev.tsforge.registry;

import dev.tsforge.config.ModelStorage;
import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The artifacts of registered models, wherever {@code tsforge.storage.models} keeps them: rows of the database,
 * written in the transaction that registers the model, or the files of the model directory. A model is written as a
 * file first either way (DL4J writes files; {@link ModelStore} holds it while it is written), and read through a file.
 *
 * <p>An artifact that is missing, or whose bytes do not match the checksum the registry recorded, or that does not
 * load, answers a {@code model-unavailable} problem naming the model and the cause, and is remembered for the
 * {@code models} health component until the model is read again or deleted.
 */
@Component
public class ModelArtifacts {

    private final ModelStorage storage;
    private final ModelStore files;
    private final ArtifactRepository rows;
    private final Map<Long, String> unavailable = new ConcurrentHashMap<>();

    ModelArtifacts(TsforgeProperties properties, ModelStore files, ArtifactRepository rows) {
        this.storage = properties.storage().models();
        this.files = files;
        this.rows = rows;
    }

    ModelStorage storage() {
        return storage;
    }

    /**
     * Keeps the written artifact of a model just registered; runs in the registering transaction, so that a rollback
     * leaves neither. In the database, the written file goes once the transaction has committed.
     */
    void keep(long modelId, ModelVersion.Artifact artifact) {
        if (storage == ModelStorage.DATABASE) {
            try {
                rows.insert(modelId, Files.readAllBytes(files.resolve(artifact.name())));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read model artifact " + artifact.name() + ": "
                        + e.getMessage(), e);
            }
            files.deleteAfterCommit(artifact.name());
        }
    }

    /**
     * Hands the model's artifact, as a file, to {@code reader} (a loader), and returns what it made of it; the file is
     * a temporary copy when the artifact lives in the database.
     *
     * @throws ApiProblemException 409 {@code model-unavailable} when the artifact is missing, corrupt or unreadable
     */
    public <T> T read(ModelVersion model, Function<Path, T> reader) {
        if (storage == ModelStorage.DIRECTORY) {
            Path file = existingFile(model);
            verify(model, read(model, file));
            return load(model, file, reader);
        }
        Path copy = temporaryCopy(model);
        try {
            return load(model, copy, reader);
        } finally {
            deleteQuietly(copy);
        }
    }

    /**
     * A checked copy of the model's artifact in a temporary file, which the caller deletes: for work that reads the
     * file but whose own failures are not the artifact's (a training that continues from it).
     *
     * @throws ApiProblemException 409 {@code model-unavailable} when the artifact is missing or corrupt
     */
    public Path temporaryCopy(ModelVersion model) {
        byte[] bytes = storage == ModelStorage.DIRECTORY ? read(model, existingFile(model))
                : rows.bytes(model.id()).orElseThrow(() -> unavailable(model, "the database holds no artifact for it"));
        verify(model, bytes);
        try {
            Path copy = Files.createTempFile("tsforge-model-" + model.id() + "-", ".zip");
            Files.write(copy, bytes);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy model " + model.id() + " to a temporary file: "
                    + e.getMessage(), e);
        }
    }

    private Path existingFile(ModelVersion model) {
        Path file = files.resolve(model.artifact().name());
        if (!Files.isRegularFile(file)) {
            throw unavailable(model, "its file " + file + " is missing");
        }
        return file;
    }

    /** The artifact as it is stored, for a download. */
    public Resource export(ModelVersion model) {
        if (storage == ModelStorage.DIRECTORY) {
            return new FileSystemResource(existingFile(model));
        }
        return new ByteArrayResource(rows.bytes(model.id()).orElseThrow(() -> unavailable(model,
                "the database holds no artifact for it")));
    }

    /** Models found missing or corrupt since they were last read, by id, with the cause. */
    Map<Long, String> foundUnavailable() {
        return new LinkedHashMap<>(unavailable);
    }

    /** Models whose artifact has no row in the database, oldest first; empty when files are the store. */
    Optional<List<Long>> missingRows(int limit) {
        return storage == ModelStorage.DATABASE ? Optional.of(rows.missing(limit)) : Optional.empty();
    }

    @TransactionalEventListener
    void modelDeleted(RegistryEvents.ModelDeleted event) {
        unavailable.remove(event.modelId());
    }

    private <T> T load(ModelVersion model, Path file, Function<Path, T> reader) {
        T loaded;
        try {
            loaded = reader.apply(file);
        } catch (ApiProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            // DL4J's own exceptions from a damaged zip say little more than their message: that is the cause
            throw unavailable(model, "its artifact does not load: " + e.getMessage());
        }
        unavailable.remove(model.id());
        return loaded;
    }

    private byte[] read(ModelVersion model, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw unavailable(model, "its file " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** The checksum recorded at registration tells a damaged artifact from a good one before DL4J tries to load it. */
    private void verify(ModelVersion model, byte[] bytes) {
        String expected = model.artifact().checksumSha256();
        if (expected != null && !expected.equalsIgnoreCase(sha256(bytes))) {
            throw unavailable(model, "its artifact is corrupt (" + bytes.length + " bytes whose SHA-256 is not the "
                    + "one recorded at registration)");
        }
    }

    private ApiProblemException unavailable(ModelVersion model, String cause) {
        unavailable.put(model.id(), cause);
        return new ApiProblemException(ProblemType.MODEL_UNAVAILABLE, "Model " + model.id() + " of series "
                + model.seriesId() + " cannot be used: " + cause + ". Retrain the series or delete the model.",
                Map.of("modelId", model.id(), "seriesId", model.seriesId(), "cause", cause));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a temporary copy left behind is never read as a model
            }
        }
    }
}
