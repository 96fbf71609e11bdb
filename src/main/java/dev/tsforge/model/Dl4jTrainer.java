package dev.tsforge.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.springframework.stereotype.Component;

@Component
class Dl4jTrainer implements NetworkTrainer {

    /** Entry in the model zip that makes the artifact self-describing: the window length it reads. */
    static final String LOOKBACK_ENTRY = "tsforge-lookback";

    @Override
    public TrainingOutcome train(List<double[]> segments, NetworkSpec spec, EpochListener listener, Path artifact) {
        long started = System.nanoTime();
        Fitted fitted = fit(segments, spec, listener);
        long millis = (System.nanoTime() - started) / 1_000_000;
        save(fitted, artifact);
        return new TrainingOutcome(fitted.windows(), fitted.finalLoss(), millis, Engine.describe());
    }

    /** A fitted network with the normaliser its inputs and outputs need. */
    record Fitted(MultiLayerNetwork network, NormalizerStandardize normalizer, int lookback, int windows,
            double finalLoss) {

        Predictor predictor() {
            return new Dl4jPredictor(network, normalizer, lookback);
        }
    }

    Fitted fit(List<double[]> segments, NetworkSpec spec, EpochListener listener) {
        int windows = NetworkTrainer.windowCount(segments, spec.lookback());
        if (windows < MIN_WINDOWS) {
            throw new InsufficientDataException("Lookback " + spec.lookback() + " leaves " + windows
                    + " training window(s) in gap-free runs of the series; at least " + MIN_WINDOWS + " are needed");
        }
        DataSet data = Windows.of(segments, spec.lookback());
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fitLabel(true);
        normalizer.fit(data);
        normalizer.preProcess(data);

        MultiLayerNetwork network = NetworkFactory.build(spec);
        double loss = Double.NaN;
        for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
            data.shuffle(spec.seed() + epoch);
            loss = fitEpoch(network, data, spec.batchSize());
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("Training diverged at epoch " + epoch + " (loss " + loss
                        + "); lower the learning rate");
            }
            listener.epochFinished(epoch, loss);
        }
        return new Fitted(network, normalizer, spec.lookback(), windows, loss);
    }

    /** One pass over the data; returns the example-weighted mean minibatch loss. */
    private static double fitEpoch(MultiLayerNetwork network, DataSet data, int batchSize) {
        double weighted = 0;
        int examples = 0;
        for (DataSet batch : data.batchBy(batchSize)) {
            network.fit(batch);
            weighted += network.score() * batch.numExamples();
            examples += batch.numExamples();
        }
        return weighted / examples;
    }

    /** Writes to a temporary file beside the target, then renames: a crash never leaves half a model. */
    static void save(Fitted fitted, Path artifact) {
        Path temporary = artifact.resolveSibling(artifact.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(artifact.getParent());
            // the 4-argument writeModel fails with "stream is closed" (DL4J issue 10154): add the normaliser after
            ModelSerializer.writeModel(fitted.network(), temporary.toFile(), true);
            ModelSerializer.addNormalizerToModel(temporary.toFile(), fitted.normalizer());
            ModelSerializer.addObjectToFile(temporary.toFile(), LOOKBACK_ENTRY, fitted.lookback());
            Files.move(temporary, artifact, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write model artifact " + artifact + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // best effort: a stray .tmp file is never read as a model
            }
        }
    }
}
