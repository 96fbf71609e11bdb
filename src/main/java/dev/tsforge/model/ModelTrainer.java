package dev.tsforge.model;

import java.nio.file.Path;
import java.util.List;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/** The trainer the service uses: a {@link Architecture#THETA} spec to {@link ThetaModels}, a network to DL4J. */
@Primary
@Component
class ModelTrainer implements NetworkTrainer {

    private final Dl4jTrainer networks;

    ModelTrainer(Dl4jTrainer networks) {
        this.networks = networks;
    }

    @Override
    public TrainingOutcome train(List<double[]> segments, NetworkSpec spec, int seasonalPeriod, EpochListener listener,
            Path artifact) {
        return spec.architecture() == Architecture.THETA ? ThetaModels.train(segments, spec, seasonalPeriod, artifact)
                : networks.train(segments, spec, listener, artifact);
    }

    @Override
    public TrainingOutcome train(List<double[]> segments, NetworkSpec spec, EpochListener listener, Path artifact) {
        if (spec.architecture() == Architecture.THETA) {
            throw new IllegalArgumentException("THETA needs the series' seasonal period");
        }
        return networks.train(segments, spec, listener, artifact);
    }

    @Override
    public TrainingOutcome continueTraining(Path parentArtifact, List<double[]> segments, NetworkSpec spec,
            EpochListener listener, Path artifact) {
        if (spec.architecture() == Architecture.THETA) {
            throw new IllegalArgumentException("a THETA model has no weights to continue from");
        }
        return networks.continueTraining(parentArtifact, segments, spec, listener, artifact);
    }
}
