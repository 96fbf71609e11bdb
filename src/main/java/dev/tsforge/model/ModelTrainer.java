package dev.tsforge.model;

import dev.tsforge.model.internal.network.Dl4jTrainer;
import dev.tsforge.model.internal.statistical.StatisticalModels;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Fits the model a spec describes and saves it as one artifact file, written atomically: the file exists only once
 * complete. The one entry point for training: a network goes to DL4J, a statistical model is fitted in closed form.
 */
@Component
public class ModelTrainer {

    private final Dl4jTrainer networks;

    public ModelTrainer(Dl4jTrainer networks) {
        this.networks = networks;
    }

    /**
     * Fits on windows cut from each segment (a run of consecutive grid points with no gap: a window never spans a
     * gap).
     *
     * @param seasonalPeriod the series' season length, which the statistical methods need; a network ignores it
     * @throws InsufficientDataException when the segments yield fewer than {@link ModelSpec#MIN_WINDOWS} windows
     */
    public TrainingOutcome train(List<double[]> segments, ModelSpec spec, int seasonalPeriod, EpochListener listener,
            Path artifact) {
        return train(segments, null, spec, seasonalPeriod, listener, artifact);
    }

    /**
     * {@link #train(List, ModelSpec, int, EpochListener, Path)} with when each segment starts, which a network with
     * {@link Covariates} computes its inputs from; the statistical methods ignore covariates.
     */
    public TrainingOutcome train(List<double[]> segments, Timeline timeline, ModelSpec spec, int seasonalPeriod,
            EpochListener listener, Path artifact) {
        return spec.match(network -> networks.train(segments, timeline, network, listener, artifact),
                statistical -> StatisticalModels.train(segments, statistical, seasonalPeriod, artifact));
    }

    /**
     * A statistical model ready to forecast, without an artifact: what AUTO scores on its validation origins (the
     * methods refit on each history, so there is nothing to fit beforehand).
     */
    public static Predictor statistical(StatisticalSpec spec, int seasonalPeriod) {
        return StatisticalModels.predictor(spec, seasonalPeriod);
    }

    /**
     * Like {@link #train}, but continues from a saved network: its weights, optimizer state and normaliser (so
     * inputs are scaled as the weights expect). The spec must describe the same network
     * ({@link NetworkSpec#continuing}); its fitting settings (epochs, learning rate, batch size, validation, seed)
     * apply.
     */
    public TrainingOutcome continueTraining(Path parentArtifact, List<double[]> segments, NetworkSpec spec,
            EpochListener listener, Path artifact) {
        return continueTraining(parentArtifact, segments, null, spec, listener, artifact);
    }

    public TrainingOutcome continueTraining(Path parentArtifact, List<double[]> segments, Timeline timeline,
            NetworkSpec spec, EpochListener listener, Path artifact) {
        return networks.continueTraining(parentArtifact, segments, timeline, spec, listener, artifact);
    }
}
