package dev.tsforge.model.internal.statistical;

import dev.tsforge.model.ArtifactInfo;
import dev.tsforge.model.InsufficientDataException;
import dev.tsforge.model.InvalidArtifactException;
import dev.tsforge.model.Predictor;
import dev.tsforge.model.ThetaSpec;
import dev.tsforge.model.TrainingOutcome;
import dev.tsforge.model.internal.artifact.ArtifactFormat;
import dev.tsforge.model.internal.artifact.SpecProperties;
import dev.tsforge.statistics.Theta;
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
 * Fits, saves and loads {@link ThetaSpec Theta method} models. The artifact is a zip like a network's with only the
 * metadata entry (nothing to learn beyond the season length, which it records); a fit is instant, so its "training"
 * is measuring the method on its own history.
 */
public final class ThetaModels {

    static final String ENGINE = "tsforge Theta method (no network)";
    private static final String PERIOD = "seasonalPeriod";

    private ThetaModels() {
    }

    public static TrainingOutcome train(List<double[]> segments, ThetaSpec spec, int seasonalPeriod, Path artifact) {
        long started = System.nanoTime();
        double[] last = segments.isEmpty() ? new double[0] : segments.get(segments.size() - 1);
        if (last.length < Theta.MIN_HISTORY) {
            throw new InsufficientDataException("THETA needs " + Theta.MIN_HISTORY + " consecutive values, the series' "
                    + "most recent run has " + last.length);
        }
        ThetaPredictor predictor = new ThetaPredictor(spec.lookback(), spec.outputSteps(), seasonalPeriod);
        double loss = predictor.inSampleLoss(last);
        Properties metadata = SpecProperties.of(spec, ENGINE);
        metadata.setProperty(PERIOD, Integer.toString(seasonalPeriod));
        write(metadata, artifact);
        int values = Math.min(last.length, spec.lookback());
        // every origin is out of sample: Theta refits on the history before it
        return new TrainingOutcome(predictor, values, values - Theta.MIN_HISTORY, 0, 0, loss, null,
                "Theta method: fitted in closed form, no epochs", (System.nanoTime() - started) / 1_000_000, ENGINE);
    }

    public static Predictor load(Properties metadata) {
        ArtifactInfo info = SpecProperties.read(metadata);
        try {
            return new ThetaPredictor(info.lookback(), info.outputSteps(), Integer.parseInt(metadata.getProperty(PERIOD)));
        } catch (NumberFormatException e) {
            throw new InvalidArtifactException("the THETA model lacks its " + PERIOD);
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
