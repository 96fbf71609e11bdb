package dev.tsforge.model;

import java.util.List;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Builds the DL4J network a {@link NetworkSpec} describes: stacked recurrent layers, last step, linear output. */
final class NetworkFactory {

    /** One value per time step: a univariate series. */
    static final int FEATURES = 1;
    /**
     * Element-wise gradient clipping keeps BPTT stable when gradients explode on long windows; 1.0 on
     * standardised data only bites on outliers.
     */
    private static final double GRADIENT_CLIP = 1.0;

    private NetworkFactory() {
    }

    static MultiLayerNetwork build(NetworkSpec spec) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(DataType.FLOAT)
                // Xavier suits tanh/sigmoid cells (He would suit ReLU)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(spec.learningRate()))
                .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                .gradientNormalizationThreshold(GRADIENT_CLIP)
                .list();
        List<Integer> sizes = spec.hiddenSizes();
        int in = FEATURES;
        for (int i = 0; i < sizes.size(); i++) {
            Layer recurrent = recurrentLayer(spec.architecture(), in, sizes.get(i));
            // many-to-one: only the last layer's last time step feeds the output
            layers.layer(i == sizes.size() - 1 ? new LastTimeStep(recurrent) : recurrent);
            in = sizes.get(i);
        }
        layers.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .nIn(in).nOut(1).activation(Activation.IDENTITY).build());
        MultiLayerConfiguration configuration = layers.setInputType(InputType.recurrent(FEATURES, spec.lookback()))
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        return network;
    }

    private static Layer recurrentLayer(Architecture architecture, int in, int out) {
        return switch (architecture) {
            case LSTM -> new LSTM.Builder().nIn(in).nOut(out).activation(Activation.TANH).build();
            case SIMPLE_RNN -> new SimpleRnn.Builder().nIn(in).nOut(out).activation(Activation.TANH).build();
        };
    }
}
