package dev.tsforge.bench;

import dev.tsforge.model.internal.artifact.ArtifactFormat;
import dev.tsforge.model.internal.layers.FusedLstmLayer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;

/**
 * Prints a saved one-layer LSTM model (tsforge's {@link FusedLstmLayer} and a linear output, STANDARDIZE) as JSON,
 * for {@code bench/peer/}, which loads the same weights into PyTorch: the input weights {@code [inputs][4n]}, the
 * recurrent weights {@code [n][4n]} and the bias {@code [4n]} (gates {@code i, f, g, o}, as PyTorch orders them),
 * the output layer's {@code [n][outputs]} weights and bias, and the normaliser's means and deviations. Not a test:
 * {@code bench/serving-peer.sh} runs it with the model zip as argument.
 */
public final class PeerWeights {

    private PeerWeights() {
    }

    public static void main(String[] args) throws IOException {
        Path artifact = Path.of(args[0]);
        Pair<MultiLayerNetwork, Normalizer> restored;
        try (ArtifactFormat.Dl4jFile file = ArtifactFormat.forDl4j(artifact)) {
            restored = ModelSerializer.restoreMultiLayerNetworkAndNormalizer(file.path().toFile(), false);
        }
        MultiLayerNetwork network = restored.getFirst();
        if (network.getLayers().length != 2
                || !(network.getLayerWiseConfigurations().getConf(0).getLayer() instanceof FusedLstmLayer)
                || !(restored.getSecond() instanceof NormalizerStandardize normalizer)) {
            throw new IllegalArgumentException("not a one-layer LSTM with STANDARDIZE: " + artifact);
        }
        Layer lstm = network.getLayer(0);
        Layer output = network.getLayer(1);
        System.out.println("{"
                + field("inputWeights", matrix(lstm.getParam(FusedLstmLayer.INPUT_WEIGHTS))) + ", "
                + field("recurrentWeights", matrix(lstm.getParam(FusedLstmLayer.RECURRENT_WEIGHTS))) + ", "
                + field("bias", vector(lstm.getParam(FusedLstmLayer.BIAS))) + ", "
                + field("outputWeights", matrix(output.getParam("W"))) + ", "
                + field("outputBias", vector(output.getParam("b"))) + ", "
                + field("featureMean", vector(normalizer.getMean())) + ", "
                + field("featureStd", vector(normalizer.getStd())) + ", "
                + field("labelMean", vector(normalizer.getLabelMean())) + ", "
                + field("labelStd", vector(normalizer.getLabelStd())) + "}");
    }

    private static String field(String name, String json) {
        return "\"" + name + "\": " + json;
    }

    private static String vector(INDArray array) {
        return Arrays.stream(array.dup('c').data().asDouble())
                .mapToObj(v -> String.format(Locale.ROOT, "%.9g", v))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String matrix(INDArray array) {
        INDArray matrix = array.rank() == 1 ? array.reshape(1, array.length()) : array;
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < matrix.rows(); i++) {
            json.append(i == 0 ? "" : ", ").append(vector(matrix.getRow(i)));
        }
        return json.append("]").toString();
    }
}
