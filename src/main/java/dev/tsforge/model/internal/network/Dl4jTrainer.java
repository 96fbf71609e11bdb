package dev.tsforge.model.internal.network;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.model.EpochListener;
import dev.tsforge.model.InsufficientDataException;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.Predictor;
import dev.tsforge.model.SpecOptions;
import dev.tsforge.model.Timeline;
import dev.tsforge.model.TrainingOutcome;
import dev.tsforge.model.internal.covariate.CovariateColumns;
import dev.tsforge.model.internal.artifact.ArtifactFormat;
import dev.tsforge.model.internal.artifact.SpecProperties;
import dev.tsforge.model.internal.layers.FusedLstmLayer;
import dev.tsforge.model.internal.layers.TrainingBuffers;
import dev.tsforge.runtime.ProcessMemoryLimit;
import dev.tsforge.series.GapPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Fits a network on time-ordered windows: the most recent {@code validationFraction} of them measure validation
 * loss after every epoch, the rest are shuffled (seeded) into minibatches. With early stopping the weights of the
 * best validation epoch are kept.
 */
@Component
public class Dl4jTrainer {

    private final boolean fusedLstm;

    /** For tests: unidirectional LSTMs fused. */
    public Dl4jTrainer() {
        this(true);
    }

    /** {@code tsforge.training.fused-lstm}: unidirectional LSTMs as {@link FusedLstmLayer} or as DL4J's own layer. */
    @Autowired
    public Dl4jTrainer(TsforgeProperties properties) {
        this(properties.training().fusedLstm());
    }

    /**
     * @param fusedLstm unidirectional LSTMs as {@link FusedLstmLayer}, whose step loop has fewer ops per step and
     *                  whose forecasts run in plain Java, or as DL4J's own layer. On by default: it computes the same
     *                  function and its training keeps native memory flat (bench/RESULTS.md, "Native memory while
     *                  training")
     */
    public Dl4jTrainer(boolean fusedLstm) {
        this.fusedLstm = fusedLstm;
    }

    public TrainingOutcome train(List<double[]> segments, NetworkSpec spec, EpochListener listener, Path artifact) {
        return train(segments, null, spec, listener, artifact);
    }

    /** @param timeline when the segments start: needed by a spec with covariates, else may be null */
    public TrainingOutcome train(List<double[]> segments, Timeline timeline, NetworkSpec spec, EpochListener listener,
            Path artifact) {
        return trainAndSave(segments, timeline, spec, listener, artifact, null);
    }

    public TrainingOutcome continueTraining(Path parentArtifact, List<double[]> segments, NetworkSpec spec,
            EpochListener listener, Path artifact) {
        return continueTraining(parentArtifact, segments, null, spec, listener, artifact);
    }

    public TrainingOutcome continueTraining(Path parentArtifact, List<double[]> segments, Timeline timeline,
            NetworkSpec spec, EpochListener listener, Path artifact) {
        try {
            Pair<MultiLayerNetwork, Normalizer> parent;
            try (ArtifactFormat.Dl4jFile file = ArtifactFormat.forDl4j(parentArtifact)) {
                parent = ModelSerializer.restoreMultiLayerNetworkAndNormalizer(file.path().toFile(), true);
            }
            if (!(parent.getSecond() instanceof DataNormalization normalizer)) {
                throw new IllegalStateException("Parent artifact " + parentArtifact + " has no normaliser");
            }
            MultiLayerNetwork network = parent.getFirst();
            network.setLearningRate(spec.learningRate());
            return trainAndSave(segments, timeline, spec, listener, artifact, new Start(network, normalizer));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read parent model " + parentArtifact + ": " + e.getMessage(), e);
        }
    }

    /** Where a fit starts from: a saved network and its normaliser, for a warm start. */
    record Start(MultiLayerNetwork network, DataNormalization normalizer) {
    }

    private TrainingOutcome trainAndSave(List<double[]> segments, Timeline timeline, NetworkSpec spec,
            EpochListener listener, Path artifact, Start start) {
        long started = System.nanoTime();
        FittedNetwork fitted = fit(segments, timeline, spec, listener, start);
        long millis = (System.nanoTime() - started) / 1_000_000;
        String engine = Engine.describe();
        save(fitted, spec, engine, artifact);
        return new TrainingOutcome(fitted.predictor(), fitted.windows(), fitted.validationWindows(),
                fitted.epochsRun(), fitted.bestEpoch(), fitted.trainingLoss(), fitted.validationLoss(),
                fitted.stopReason(), millis, engine);
    }

    /** A fitted network with the normaliser its inputs and outputs need, and how the fit went. */
    /** @param scaled WINDOW: each window divided by its own spread as well (implies {@code relative}) */
    public record FittedNetwork(MultiLayerNetwork network, DataNormalization normalizer, boolean relative, int lookback,
            int windows, int validationWindows, int epochsRun, int bestEpoch, double trainingLoss,
            Double validationLoss, String stopReason, boolean scaled, boolean stateful, CovariateColumns covariates) {

        public Predictor predictor() {
            return new Dl4jPredictor(network, normalizer, relative, scaled, lookback,
                    (int) network.getOutputLayer().getParam("b").length(), true, stateful, covariates);
        }
    }

    public FittedNetwork fit(List<double[]> segments, NetworkSpec spec, EpochListener listener) {
        return fit(segments, spec, listener, null);
    }

    public FittedNetwork fit(List<double[]> segments, NetworkSpec spec, EpochListener listener, Start start) {
        return fit(segments, null, spec, listener, start);
    }

    /** @param timeline when the segments start: needed by a spec with covariates, else may be null */
    public FittedNetwork fit(List<double[]> segments, Timeline timeline, NetworkSpec spec, EpochListener listener,
            Start start) {
        boolean masked = spec.gapPolicy() == GapPolicy.MASK;
        CovariateColumns covariates = spec.covariates().isEmpty() ? null : CovariateColumns.of(spec.covariates());
        if (covariates != null && masked) {
            throw new IllegalArgumentException("MASK windows with covariates are not supported");
        }
        int windows = masked ? MaskedWindows.count(grid(segments), spec.lookback(), spec.outputSteps())
                : Windows.count(segments, spec.lookback(), spec.outputSteps());
        if (windows < ModelSpec.MIN_WINDOWS) {
            throw new InsufficientDataException("Lookback " + spec.lookback() + " and " + spec.outputSteps()
                    + " output step(s) leave " + windows + " training window(s) in "
                    + (masked ? "the series (windows must end on an observed value)" : "gap-free runs of the series")
                    + "; at least " + ModelSpec.MIN_WINDOWS + " are needed");
        }
        DataSet windowed = masked ? MaskedWindows.of(grid(segments), spec.lookback(), spec.outputSteps())
                : covariates == null ? Windows.of(segments, spec.lookback(), spec.outputSteps())
                : Windows.of(segments, CovariateLead.training(covariates, segments, timeline, spec.lookback(),
                        spec.outputSteps()),
                        covariates.width(), spec.lookback(), spec.outputSteps());
        boolean relative = spec.normalization().anchored();
        boolean scaled = spec.normalization() == SpecOptions.Normalization.WINDOW;
        DataSet all = relative ? RelativeWindows.of(windowed, scaled) : windowed;
        int validationCount = (int) Math.floor(windows * spec.validationFraction());
        DataSet training = validationCount == 0 ? all : slice(all, 0, windows - validationCount);
        DataSet validation = validationCount == 0 ? null : slice(all, windows - validationCount, windows);

        DataNormalization normalizer = start != null ? start.normalizer() : normalizer(spec);
        if (start == null) {
            normalizer.fitLabel(true);
            normalizer.fit(masked ? MaskedWindows.observedValues(training) : training);
        }
        normalizer.preProcess(training);
        if (validation != null) {
            normalizer.preProcess(validation);
        }

        MultiLayerNetwork network = start != null ? start.network()
                : fusedLstm ? NetworkFactory.build(spec) : NetworkFactory.buildWithStockLstm(spec);
        EarlyStopping stopping = new EarlyStopping(spec.earlyStoppingPatience(), validation != null);
        int epoch = 0;
        boolean stopped = false;
        try {
            while (epoch < spec.epochs() && !stopping.shouldStop(epoch)) {
                // at least one epoch: no weights were ever fitted before it
                if (epoch > 0 && listener.stopRequested()) {
                    stopped = true;
                    break;
                }
                epoch++;
                training.shuffle(spec.seed() + epoch);
                double trainingLoss = fitEpoch(network, training, spec.batchSize());
                Double validationLoss = validation == null ? null : network.score(validation, false);
                if (!Double.isFinite(trainingLoss) || (validationLoss != null && !Double.isFinite(validationLoss))) {
                    throw new IllegalStateException("Training diverged at epoch " + epoch + " (loss " + trainingLoss
                            + "); lower the learning rate or clip gradients");
                }
                stopping.record(epoch, trainingLoss, validationLoss, network);
                listener.epochFinished(epoch, trainingLoss, validationLoss);
            }
        } finally {
            TrainingBuffers.releaseAll(network);
        }
        stopping.restoreBest(network);
        String reason = stopped ? "stopped at the time budget after " + epoch + " epochs" + (stopping.keepsBest()
                ? "; kept best epoch " + stopping.bestEpoch() : "")
                : epoch < spec.epochs()
                ? "early stop: no better validation loss for " + spec.earlyStoppingPatience() + " epochs; kept epoch "
                        + stopping.bestEpoch()
                : "completed " + spec.epochs() + " epochs" + (stopping.keepsBest() ? "; kept best epoch "
                        + stopping.bestEpoch() : "");
        return new FittedNetwork(network, normalizer, relative, spec.lookback(), windows - validationCount, validationCount,
                epoch, stopping.bestEpoch(), stopping.bestTrainingLoss(), stopping.bestValidationLoss(), reason, scaled,
                spec.rollout() == SpecOptions.Rollout.STATEFUL, covariates);
    }

    private static DataNormalization normalizer(NetworkSpec spec) {
        return switch (spec.normalization()) {
            // WINDOW: windows scaled one by one still differ in spread by step; standardising evens that out
            case STANDARDIZE, LAST_VALUE, WINDOW -> new NormalizerStandardize();
            case MIN_MAX -> new NormalizerMinMaxScaler();
        };
    }

    /** MASK: the series as one grid, NaN where a point is missing. */
    private static double[] grid(List<double[]> segments) {
        if (segments.size() != 1) {
            throw new IllegalArgumentException("MASK trains on the whole grid as one segment, got " + segments.size());
        }
        return segments.get(0);
    }

    private static DataSet slice(DataSet data, int from, int to) {
        return rows(data, from, to, true);
    }

    /** Rows {@code [from, to)} with their masks, if any; copies or views. */
    private static DataSet rows(DataSet data, int from, int to, boolean copy) {
        INDArray features = data.getFeatures().get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all());
        INDArray labels = data.getLabels().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
        INDArray featureMask = data.getFeaturesMaskArray() == null ? null
                : data.getFeaturesMaskArray().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
        INDArray labelMask = data.getLabelsMaskArray() == null ? null
                : data.getLabelsMaskArray().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
        return copy ? new DataSet(features.dup(), labels.dup(), featureMask == null ? null : featureMask.dup(),
                labelMask == null ? null : labelMask.dup()) : new DataSet(features, labels, featureMask, labelMask);
    }

    /**
     * One pass over the (shuffled) data in minibatches; returns the example-weighted mean minibatch loss. The
     * minibatches are views of consecutive rows: {@code DataSet.batchBy} would split into one object per example
     * and merge them again, every epoch. The process's memory limit is checked before each one.
     */
    private static double fitEpoch(MultiLayerNetwork network, DataSet data, int batchSize) {
        double weighted = 0;
        int examples = data.numExamples();
        for (int from = 0; from < examples; from += batchSize) {
            int to = Math.min(from + batchSize, examples);
            ProcessMemoryLimit.check();
            network.fit(rows(data, from, to, false));
            weighted += network.score() * (to - from);
        }
        return weighted / examples;
    }

    /** Writes to a temporary file beside the target, then renames: a crash never leaves half a model. */
    static void save(FittedNetwork fitted, NetworkSpec spec, String engine, Path artifact) {
        Path temporary = artifact.resolveSibling(artifact.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(artifact.getParent());
            // the 4-argument writeModel fails with "stream is closed" (DL4J issue 10154): add the normaliser after
            ModelSerializer.writeModel(fitted.network(), temporary.toFile(), true);
            ModelSerializer.addNormalizerToModel(temporary.toFile(), fitted.normalizer());
            ArtifactFormat.addMetadata(temporary, CovariateSchema.addTo(SpecProperties.of(spec, engine),
                    spec.covariates(), fitted.normalizer(), spec.outputSteps()));
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
