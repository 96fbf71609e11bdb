package dev.tsforge.model.internal.artifact;

import dev.tsforge.model.InvalidArtifactException;
import dev.tsforge.model.internal.layers.FusedLstmLayer;
import dev.tsforge.model.internal.layers.GruLayer;
import dev.tsforge.model.internal.layers.SimpleRnnLayer;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;

/**
 * The model zip: DL4J's entries ({@code configuration.json}, {@code coefficients.bin}, {@code updaterState.bin},
 * {@code normalizer.bin}) plus {@code tsforge-model.properties}, which says what the network reads and emits and
 * carries its spec, as plain text.
 *
 * <p>Nothing here uses Java deserialisation, and {@link #verifyUntrusted} checks a zip from outside before DL4J
 * reads it: DL4J's loader would Java-deserialise legacy entries and instantiate a class named in a custom
 * normaliser's header, so those are refused, as are unknown layer types and oversized entries.
 *
 * <p>The format is versioned ({@code format} in the metadata). DL4J writes each layer's class name into
 * {@code configuration.json}, so moving a custom layer class changes the format: version 1 named the layers in the
 * package {@code dev.tsforge.model}; {@link #forDl4j} and {@link #verifyUntrusted} map those names to today's classes,
 * so that a version-1 file loads, imports and warm-starts as it always did.
 */
public final class ArtifactFormat {

    public static final String METADATA = "tsforge-model.properties";
    /** The version written; 2: the custom layers live in {@code model.internal.layers}. */
    static final String FORMAT_VERSION = "2";
    /** The versions this build reads. */
    static final Set<String> READABLE_VERSIONS = Set.of("1", FORMAT_VERSION);
    /** Layer classes as version 1 named them in {@code configuration.json}, and the classes they are now. */
    private static final Map<String, String> VERSION_1_LAYERS = Map.of(
            "dev.tsforge.model.FusedLstmLayer", FusedLstmLayer.class.getName(),
            "dev.tsforge.model.GruLayer", GruLayer.class.getName(),
            "dev.tsforge.model.SteppedSimpleRnn", SimpleRnnLayer.class.getName());
    /** Where the model came from (see {@code registry.Provenance}); optional, as models written before it have none. */
    public static final String PROVENANCE = "provenance.json";
    private static final String CONFIGURATION = "configuration.json";
    private static final String COEFFICIENTS = "coefficients.bin";
    private static final String UPDATER = "updaterState.bin";
    private static final String NORMALIZER = "normalizer.bin";
    private static final Set<String> ALLOWED = Set.of(CONFIGURATION, COEFFICIENTS, UPDATER, NORMALIZER, METADATA,
            PROVENANCE);
    private static final Set<String> REQUIRED = Set.of(CONFIGURATION, COEFFICIENTS, NORMALIZER, METADATA);
    private static final Set<String> NORMALIZER_TYPES = Set.of("STANDARDIZE", "MIN_MAX");
    /** {@code LSTM} stays for models saved before unidirectional LSTMs became {@link FusedLstmLayer}s. */
    private static final Set<Class<? extends Layer>> LAYERS = Set.of(LSTM.class, FusedLstmLayer.class, SimpleRnn.class,
            SimpleRnnLayer.class, GruLayer.class, LastTimeStep.class, Bidirectional.class, OutputLayer.class);

    private ArtifactFormat() {
    }

    /** Adds the metadata entry to a zip that DL4J wrote. */
    public static void addMetadata(Path zip, Properties metadata) throws IOException {
        StringWriter text = new StringWriter();
        metadata.store(text, "tsforge model");
        putEntry(zip, METADATA, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Puts an entry into a model zip, replacing one of the same name, by rewriting the zip beside itself and renaming
     * it over the original: a reader sees the old file or the new one, never half of it.
     */
    public static void putEntry(Path zip, String name, byte[] content) throws IOException {
        Path rewritten = zip.resolveSibling(zip.getFileName() + ".rewrite");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.getName().equals(name)) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            out.putNextEntry(new ZipEntry(name));
            out.write(content);
            out.closeEntry();
        }
        Files.move(rewritten, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The file DL4J may read for a model: the artifact itself, or for a version-1 artifact a temporary copy whose
     * {@code configuration.json} names today's layer classes. Close it to delete the copy.
     */
    public static Dl4jFile forDl4j(Path zip) throws IOException {
        return forDl4j(zip, readMetadata(zip));
    }

    /** {@link #forDl4j(Path)} with the artifact's metadata already read. */
    public static Dl4jFile forDl4j(Path zip, Properties metadata) throws IOException {
        if (!"1".equals(metadata.getProperty("format"))) {
            return new Dl4jFile(zip, false);
        }
        Path copy = zip.resolveSibling(zip.getFileName() + "." + UUID.randomUUID() + ".v2");
        try {
            Files.copy(zip, copy);
            String configuration;
            try (ZipFile file = new ZipFile(copy.toFile())) {
                configuration = new String(file.getInputStream(file.getEntry(CONFIGURATION)).readAllBytes(),
                        StandardCharsets.UTF_8);
            }
            putEntry(copy, CONFIGURATION, currentClassNames(configuration).getBytes(StandardCharsets.UTF_8));
            return new Dl4jFile(copy, true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }

    /** A model file for DL4J to read; a temporary one is deleted on close. */
    public record Dl4jFile(Path path, boolean temporary) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            if (temporary) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** A network configuration with the layer classes of version 1 renamed to the classes they are now. */
    private static String currentClassNames(String configuration) {
        String current = configuration;
        for (Map.Entry<String, String> layer : VERSION_1_LAYERS.entrySet()) {
            current = current.replace("\"" + layer.getKey() + "\"", "\"" + layer.getValue() + "\"");
        }
        return current;
    }

    public static Properties readMetadata(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry entry = file.getEntry(METADATA);
            if (entry == null) {
                throw new InvalidArtifactException("the zip has no " + METADATA + ": not a tsforge model");
            }
            Properties metadata = new Properties();
            try (InputStream in = file.getInputStream(entry)) {
                metadata.load(new StringReader(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8)));
            }
            return metadata;
        }
    }

    /**
     * Checks a zip that came from outside, before any DL4J code reads it.
     *
     * @throws InvalidArtifactException saying what is wrong
     */
    public static void verifyUntrusted(Path zip, long maxUncompressedBytes) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            long total = 0;
            for (Enumeration<? extends ZipEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (!ALLOWED.contains(entry.getName())) {
                    throw new InvalidArtifactException("unexpected entry '" + entry.getName() + "'; a model holds only "
                            + ALLOWED);
                }
                total += countBytes(file, entry, maxUncompressedBytes - total);
            }
            for (String required : REQUIRED) {
                if (file.getEntry(required) == null) {
                    throw new InvalidArtifactException("the zip has no " + required);
                }
            }
            checkNormalizerHeader(file);
            checkLayers(currentClassNames(new String(file.getInputStream(file.getEntry(CONFIGURATION))
                    .readAllBytes(), StandardCharsets.UTF_8)));
        } catch (ZipException e) {
            throw new InvalidArtifactException("not a zip file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an entry to its end, counting, so that a zip bomb is stopped at the limit. */
    private static long countBytes(ZipFile file, ZipEntry entry, long budget) throws IOException {
        long count = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = file.getInputStream(entry)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                count += read;
                if (count > budget) {
                    throw new InvalidArtifactException("the zip unpacks to more than the limit");
                }
            }
        }
        return count;
    }

    private static void checkNormalizerHeader(ZipFile file) throws IOException {
        try (DataInputStream in = new DataInputStream(file.getInputStream(file.getEntry(NORMALIZER)))) {
            String magic = in.readUTF();
            in.readInt();
            String type = in.readUTF();
            if (!"NORMALIZER".equals(magic) || !NORMALIZER_TYPES.contains(type)) {
                throw new InvalidArtifactException("the normaliser must be one of " + NORMALIZER_TYPES + ", found "
                        + type);
            }
        } catch (java.io.EOFException | java.io.UTFDataFormatException e) {
            throw new InvalidArtifactException("the normaliser entry is corrupt");
        }
    }

    private static void checkLayers(String json) {
        MultiLayerConfiguration configuration;
        try {
            configuration = MultiLayerConfiguration.fromJson(json);
        } catch (RuntimeException e) {
            throw new InvalidArtifactException("the network configuration cannot be read");
        }
        for (NeuralNetConfiguration layerConfiguration : configuration.getConfs()) {
            Layer layer = layerConfiguration.getLayer();
            Layer inner = layer instanceof LastTimeStep wrapper ? wrapper.getUnderlying() : layer;
            inner = inner instanceof Bidirectional bidirectional ? bidirectional.getFwd() : inner;
            if (!LAYERS.contains(layer.getClass()) || !LAYERS.contains(inner.getClass())) {
                throw new InvalidArtifactException("layer type " + inner.getClass().getSimpleName()
                        + " is not one tsforge builds");
            }
        }
    }
}
