package dev.tsforge.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import org.springframework.stereotype.Component;

@Component
class Dl4jPredictorLoader implements PredictorLoader {

    @Override
    public Predictor load(Path artifact) {
        try {
            Pair<MultiLayerNetwork, Normalizer> restored =
                    ModelSerializer.restoreMultiLayerNetworkAndNormalizer(artifact.toFile(), false);
            if (!(restored.getSecond() instanceof DataNormalization normalizer)) {
                throw new IllegalStateException("Artifact " + artifact + " has no normaliser");
            }
            Integer lookback = ModelSerializer.getObjectFromFile(artifact.toFile(), Dl4jTrainer.LOOKBACK_ENTRY);
            MultiLayerNetwork network = restored.getFirst();
            int outputSteps = (int) network.getOutputLayer().getParam("b").length();
            return new Dl4jPredictor(network, normalizer, lookback, outputSteps);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read model artifact " + artifact + ": " + e.getMessage(), e);
        }
    }
}
