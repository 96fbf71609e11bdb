package dev.tsforge.model.internal.statistical;

import dev.tsforge.model.ArtifactInfo;
import dev.tsforge.model.InsufficientDataException;
import dev.tsforge.model.InvalidArtifactException;
import dev.tsforge.model.Predictor;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.model.TrainingOutcome;
import dev.tsforge.model.internal.artifact.ArtifactFormat;
import dev.tsforge.model.internal.artifact.SpecProperties;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Fits, saves and loads {@link StatisticalSpec statistical} models. The artifact is a zip like a network's with only
 * the metadata entry (nothing to learn beyond the season length and the ETS form, which the spec holds); a fit is
 * instant, so its "training" is measuring the Theta method on its own history, a yardstick comparable with a
 * network's loss.
 */
public final class StatisticalModels {

    static final String ENGINE = "tsforge statistical methods (no network)";
    private static final String PERIOD = "seasonalPeriod";

    private StatisticalModels() {
    }

    public static TrainingOutcome train(List<double[]> segments, StatisticalSpec spec, int seasonalPeriod,
            Path artifact) {
        long started = System.nanoTime();
        double[] last = segments.isEmpty() ? new double[0] : segments.get(segments.size() - 1);
        if (last.length < StatisticalPredictor.MIN_HISTORY) {
            throw new InsufficientDataException(spec.architectureName() + " needs " + StatisticalPredictor.MIN_HISTORY
                    + " consecutive values, the series' most recent run has " + last.length);
        }
        StatisticalPredictor predictor = new StatisticalPredictor(spec, seasonalPeriod);
        double loss = predictor.inSampleLoss(last);
        Properties metadata = SpecProperties.of(spec, ENGINE);
        metadata.setProperty(PERIOD, Integer.toString(seasonalPeriod));
        write(metadata, artifact);
        int values = Math.min(last.length, spec.lookback());
        // every origin is out of sample: the methods refit on the history before it
        return new TrainingOutcome(predictor, values, values - StatisticalPredictor.MIN_HISTORY, 0, 0, loss, null,
                spec.architectureName() + ": fitted on each forecast's history, no epochs", (System.nanoTime() - started) / 1_000_000, ENGINE);
    }

    public static Predictor predictor(StatisticalSpec spec, int seasonalPeriod) {
        return new StatisticalPredictor(spec, seasonalPeriod);
    }

    public static Predictor load(Properties metadata) {
        ArtifactInfo info = SpecProperties.read(metadata);
        if (!(info.spec() instanceof StatisticalSpec spec)) {
            throw new InvalidArtifactException("not a statistical model: " + info.spec().architectureName());
        }
        try {
            return new StatisticalPredictor(spec, Integer.parseInt(metadata.getProperty(PERIOD)));
        } catch (NumberFormatException e) {
            throw new InvalidArtifactException("the " + spec.architectureName() + " model lacks its " + PERIOD);
        }
    }

    /** Writes the zip beside the artifact and renames it: the file exists only once complete. */
    private static void write(Properties metadata, Path artifact) {
        Path temporary = artifact.resolveSibling(artifact.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(artifact.toAbsolutePath().getParent());
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(temporary))) {
                out.putNextEntry(new ZipEntry(ArtifactFormat.METADATA));
                StringWriter text = new StringWriter();
                metadata.store(text, "tsforge model");
                out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            Files.move(temporary, artifact, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the original error matters
            }
            throw new UncheckedIOException("Could not write model artifact " + artifact + ": " + e.getMessage(), e);
        }
    }
}
