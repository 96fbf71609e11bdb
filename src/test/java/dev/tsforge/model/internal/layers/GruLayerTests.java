package dev.tsforge.model.internal.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The GRU layer computes a GRU, and its gradients are the true ones. */
class GruLayerTests {

    private static final int IN = 2;
    private static final int UNITS = 3;
    private static final int STEPS = 4;
    private static final int BATCH = 2;

    private static MultiLayerNetwork network(boolean stacked) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .seed(12)
                .updater(new NoOp())
                .list();
        if (stacked) {
            layers.layer(new GruLayer(IN, IN, false, WeightInit.XAVIER));
        }
        MultiLayerConfiguration conf = layers
                .layer(new GruLayer(IN, UNITS, true, WeightInit.XAVIER))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(UNITS).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.recurrent(IN, STEPS))
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        // non-zero biases, so that a wrong bias layout would show
        int gate = 0;
        for (String name : new String[] {GruLayer.RESET, GruLayer.UPDATE, GruLayer.CANDIDATE}) {
            network.getLayer(0).getParam(GruLayer.BIAS + name)
                    .assign(Nd4j.linspace(DataType.DOUBLE, -0.3 + gate++ * 0.2, 0.05, UNITS).reshape(1, UNITS));
        }
        return network;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Concatenates a layer's per-gate parameters into blocks [reset | update | candidate]. */
    private static INDArray blocks(org.deeplearning4j.nn.api.Layer layer, String kind) {
        return Nd4j.hstack(layer.getParam(kind + GruLayer.RESET), layer.getParam(kind + GruLayer.UPDATE),
                layer.getParam(kind + GruLayer.CANDIDATE));
    }

    /**
     * A GRU written out by hand with gate blocks [reset | update | candidate]:
     * r = σ(x Wr + h Ur + br), u = σ(x Wu + h Uu + bu), c = tanh(x Wc + r ⊙ (h Uc) + bc), h' = u ⊙ h + (1 − u) ⊙ c.
     */
    private static double[] lastState(INDArray wx, INDArray wh, INDArray b, INDArray input, int example) {
        double[] h = new double[UNITS];
        for (int t = 0; t < STEPS; t++) {
            double[] next = new double[UNITS];
            for (int j = 0; j < UNITS; j++) {
                double r = b.getDouble(0, j);
                double u = b.getDouble(0, UNITS + j);
                double c = b.getDouble(0, 2 * UNITS + j);
                for (int i = 0; i < IN; i++) {
                    double x = input.getDouble(example, i, t);
                    r += x * wx.getDouble(i, j);
                    u += x * wx.getDouble(i, UNITS + j);
                    c += x * wx.getDouble(i, 2 * UNITS + j);
                }
                double[] gates = {r, u};
                for (int k = 0; k < UNITS; k++) {
                    gates[0] += h[k] * wh.getDouble(k, j);
                    gates[1] += h[k] * wh.getDouble(k, UNITS + j);
                }
                double reset = sigmoid(gates[0]);
                double update = sigmoid(gates[1]);
                double recurrent = 0;
                for (int k = 0; k < UNITS; k++) {
                    recurrent += h[k] * wh.getDouble(k, 2 * UNITS + j);
                }
                double candidate = c + reset * recurrent;
                next[j] = update * h[j] + (1 - update) * Math.tanh(candidate);
            }
            h = next;
        }
        return h;
    }

    @Test
    void forwardPassMatchesAHandWrittenGru() {
        MultiLayerNetwork network = network(false);
        INDArray input = Nd4j.rand(DataType.DOUBLE, BATCH, IN, STEPS).subi(0.5);
        INDArray states = network.feedForward(input, false).get(1);
        var layer = network.getLayer(0);
        for (int example = 0; example < BATCH; example++) {
            double[] expected = lastState(blocks(layer, GruLayer.INPUT_WEIGHTS), blocks(layer, GruLayer.RECURRENT_WEIGHTS),
                    blocks(layer, GruLayer.BIAS), input, example);
            for (int j = 0; j < UNITS; j++) {
                assertThat(states.getDouble(example, j)).isCloseTo(expected[j], within(1e-9));
            }
        }
    }

    /**
     * The step loop ({@link GruStepLoop}, run without a mask) and the layer's SameDiff graph (run where a mask is given;
     * one of all ones changes nothing) compute the same outputs and the same gradients on the same weights, minibatch
     * after minibatch of two sizes (the step loop keeps its arrays between minibatches).
     */
    @Test
    void stepLoopMatchesTheSameDiffGraph() {
        MultiLayerNetwork network = network(true);
        for (int minibatch = 0; minibatch < 4; minibatch++) {
            int rows = minibatch % 2 == 0 ? BATCH : BATCH + 1;
            INDArray input = Nd4j.rand(DataType.DOUBLE, rows, IN, STEPS).subi(0.5);
            INDArray labels = Nd4j.rand(DataType.DOUBLE, rows, 1);
            INDArray ones = Nd4j.ones(DataType.DOUBLE, rows, STEPS);

            network.clearLayerMaskArrays();
            INDArray stepOutput = network.output(input, false, null, null);
            INDArray stepGradient = GradientChecks.gradient(network, input, labels);

            INDArray graphOutput = network.output(input, false, ones, null);
            network.setLayerMaskArrays(ones, null);
            INDArray graphGradient = GradientChecks.gradient(network, input, labels);
            network.clearLayerMaskArrays();

            assertThat(stepOutput.equalsWithEps(graphOutput, 1e-12)).as("outputs").isTrue();
            assertThat(stepGradient.length()).isEqualTo(network.numParams());
            assertThat(stepGradient.sub(graphGradient).amaxNumber().doubleValue())
                    .as("largest gradient difference, minibatch %d", minibatch).isLessThan(1e-10);
            assertThat(stepGradient.amaxNumber().doubleValue()).as("gradients are not all zero").isGreaterThan(1e-3);
        }
    }

    /** Covers the parameters of both layers and the gradient passed from the upper GRU to the lower one. */
    @Test
    void gradientsOfStackedGrusMatchFiniteDifferences() {
        INDArray input = Nd4j.rand(DataType.DOUBLE, BATCH, IN, STEPS).subi(0.5);
        assertThat(GradientChecks.matchFiniteDifferences(network(true), input, Nd4j.rand(DataType.DOUBLE, BATCH, 1)))
                .isTrue();
    }
}
