package dev.tsforge.model.internal.network;

import dev.tsforge.model.Architecture;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SpecOptions;
import dev.tsforge.model.internal.layers.FusedLstmLayer;
import dev.tsforge.model.internal.layers.GruLayer;
import dev.tsforge.model.internal.layers.SimpleRnnLayer;
import dev.tsforge.model.internal.layers.SimpleRnnStepLoop;
import dev.tsforge.series.GapPolicy;
import java.util.List;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMActivations;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the DL4J network a {@link NetworkSpec} describes: stacked recurrent layers (each optionally
 * bidirectional), the last time step of the last one, and a linear output of {@link NetworkSpec#outputSteps()}
 * values.
 */
public final class NetworkFactory {

    /** One value per time step: a univariate series; covariates add inputs ({@link NetworkSpec#inputs()}). */
    static final int FEATURES = 1;

    private NetworkFactory() {
    }

    public static MultiLayerNetwork build(NetworkSpec spec) {
        return build(spec, true);
    }

    /**
     * The network as tsforge built it before {@link FusedLstmLayer}: unidirectional LSTMs as DL4J's own layer. For
     * comparisons of speed and accuracy; models saved that way still load.
     */
    public static MultiLayerNetwork buildWithStockLstm(NetworkSpec spec) {
        return build(spec, false);
    }

    private static MultiLayerNetwork build(NetworkSpec spec, boolean fusedLstm) {
        NeuralNetConfiguration.Builder builder = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(DataType.FLOAT)
                .weightInit(spec.weightInit() == SpecOptions.WeightInitScheme.HE ? WeightInit.RELU : WeightInit.XAVIER)
                .updater(updater(spec))
                .l2(spec.l2());
        switch (spec.gradientClipping()) {
            case NORM -> builder.gradientNormalization(GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(spec.gradientClipThreshold());
            case VALUE -> builder.gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                    .gradientNormalizationThreshold(spec.gradientClipThreshold());
            case NONE -> builder.gradientNormalization(GradientNormalization.None);
        }
        NeuralNetConfiguration.ListBuilder layers = builder.list();
        List<Integer> sizes = spec.hiddenSizes();
        int in = spec.inputs();
        for (int i = 0; i < sizes.size(); i++) {
            boolean last = i == sizes.size() - 1;
            if (spec.architecture() == Architecture.GRU) {
                // the GRU layer takes its last step itself: LastTimeStep only wraps DL4J's own recurrent layers
                layers.layer(gruLayer(spec, in, sizes.get(i), last));
                in = sizes.get(i);
                continue;
            }
            if (fusedLstm && spec.architecture() == Architecture.LSTM && !spec.bidirectional()
                    && spec.gapPolicy() != GapPolicy.MASK) {
                // one native call per sequence instead of DL4J's per-step Java loop, the same function (see
                // FusedLstmLayerTests). Bidirectional LSTMs stay stock: DL4J's Bidirectional wraps only its own
                // recurrent layers, and the op's own bidirectional mode has no equivalence test yet. MASK stays
                // stock too: the op has no per-step mask, and DL4J's layer restarts its state at a masked step
                layers.layer(fusedLstmLayer(spec, in, sizes.get(i), last));
                in = sizes.get(i);
                continue;
            }
            Layer recurrent = recurrentLayer(spec, in, sizes.get(i));
            if (spec.bidirectional()) {
                recurrent = new Bidirectional(Bidirectional.Mode.CONCAT, recurrent);
            }
            // many-to-one (or many-to-many for DIRECT through the output layer): only the last step goes on
            layers.layer(last ? new LastTimeStep(recurrent) : recurrent);
            in = sizes.get(i) * (spec.bidirectional() ? 2 : 1);
        }
        layers.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .nIn(in).nOut(spec.outputSteps()).activation(Activation.IDENTITY).build());
        MultiLayerConfiguration configuration = layers.setInputType(InputType.recurrent(spec.inputs(), spec.lookback()))
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        return network;
    }

    private static IUpdater updater(NetworkSpec spec) {
        return switch (spec.optimizer()) {
            case ADAM -> new Adam(spec.learningRate());
            case SGD -> new Sgd(spec.learningRate());
            case RMSPROP -> new RmsProp(spec.learningRate());
        };
    }

    private static Layer gruLayer(NetworkSpec spec, int in, int out, boolean last) {
        GruLayer gru = new GruLayer(in, out, last,
                spec.weightInit() == SpecOptions.WeightInitScheme.HE ? WeightInit.RELU : WeightInit.XAVIER);
        if (spec.dropout() > 0) {
            gru.setIDropout(new org.deeplearning4j.nn.conf.dropout.Dropout(1 - spec.dropout()));
        }
        return gru;
    }

    private static Layer fusedLstmLayer(NetworkSpec spec, int in, int out, boolean last) {
        FusedLstmLayer lstm = new FusedLstmLayer(in, out, last,
                spec.activation() == SpecOptions.CellActivation.RELU ? LSTMActivations.RELU : LSTMActivations.TANH,
                spec.weightInit() == SpecOptions.WeightInitScheme.HE ? WeightInit.RELU : WeightInit.XAVIER);
        if (spec.dropout() > 0) {
            lstm.setIDropout(new org.deeplearning4j.nn.conf.dropout.Dropout(1 - spec.dropout()));
        }
        return lstm;
    }

    private static Layer recurrentLayer(NetworkSpec spec, int in, int out) {
        Activation activation = spec.activation() == SpecOptions.CellActivation.RELU ? Activation.RELU : Activation.TANH;
        BaseRecurrentLayer.Builder<?> layer = switch (spec.architecture()) {
            case LSTM -> new LSTM.Builder().activation(activation);
            case SIMPLE_RNN -> new SimpleRnn.Builder().activation(activation);
            case GRU -> throw new IllegalArgumentException("GRU layers are built by gruLayer");
        };
        layer.nIn(in).nOut(out);
        if (spec.dropout() > 0) {
            // DL4J takes the probability of *keeping* an input
            layer.dropOut(1 - spec.dropout());
        }
        if (layer instanceof SimpleRnn.Builder simple && !spec.bidirectional()
                && spec.gapPolicy() != GapPolicy.MASK) {
            // the same layer (SimpleRnnLayerTests), trained through SimpleRnnStepLoop, which has fewer ops and no views
            // per step. MASK and bidirectional stay stock: masks and reversed sequences are DL4J's own code paths
            return new SimpleRnnLayer(simple);
        }
        return layer.build();
    }
}
