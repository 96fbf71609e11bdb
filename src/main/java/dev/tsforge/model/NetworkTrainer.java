package dev.tsforge.model;

import java.nio.file.Path;
import java.util.List;

/** Trains a recurrent forecasting network and saves it as one artifact file. */
public interface NetworkTrainer {

    /**
     * Like {@link #train(List, NetworkSpec, EpochListener, Path)}, but continues from a saved model: its weights,
     * optimizer state and normaliser (so inputs are scaled as the weights expect). The spec must describe the same
     * network; its fitting settings (epochs, learning rate, batch size, validation, seed) apply.
     */
    TrainingOutcome continueTraining(Path parentArtifact, List<double[]> segments, NetworkSpec spec,
            EpochListener listener, Path artifact);

    /**
     * Fits a network on windows cut from each segment (a run of consecutive grid points with no gap: a window
     * never spans a gap) and writes the artifact atomically: the file exists only once complete.
     *
     * @throws InsufficientDataException when the segments yield fewer than {@link #MIN_WINDOWS} windows
     */
    TrainingOutcome train(List<double[]> segments, NetworkSpec spec, EpochListener listener, Path artifact);

    /**
     * {@link #train(List, NetworkSpec, EpochListener, Path)} for any spec, {@link Architecture#THETA} included, which
     * needs the series' season length; a network ignores it.
     */
    default TrainingOutcome train(List<double[]> segments, NetworkSpec spec, int seasonalPeriod,
            EpochListener listener, Path artifact) {
        return train(segments, spec, listener, artifact);
    }

    /** Fewer examples than this cannot fit anything meaningful. */
    int MIN_WINDOWS = 8;
}
