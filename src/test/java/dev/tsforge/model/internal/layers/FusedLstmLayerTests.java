package dev.tsforge.model.internal.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMActivations;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The fused LSTM layer is DL4J's LSTM: the same outputs and the same gradients on copied weights, gradients that
 * match finite differences, and a save/load round trip that changes nothing.
 */
class FusedLstmLayerTests {

    private static final int IN = 2;
    private static final int HIDDEN = 3;
    private static final int UNITS = 4;
    private static final int STEPS = 5;
    private static final int BATCH = 3;
    private static final double TOLERANCE = 1e-5;

    enum Cell {
        TANH(Activation.TANH, LSTMActivations.TANH), RELU(Activation.RELU, LSTMActivations.RELU);

        final Activation stock;
        final LSTMActivations fused;

        Cell(Activation stock, LSTMActivations fused) {
            this.stock = stock;
            this.fused = fused;
        }
    }

    /** Two stacked LSTMs (full sequence, then last step) and a linear output, stock or fused. */
    private static MultiLayerNetwork network(boolean fused, Cell cell) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(12).weightInit(WeightInit.XAVIER).updater(new NoOp()).list();
        if (fused) {
            layers.layer(new FusedLstmLayer(IN, HIDDEN, false, cell.fused, WeightInit.XAVIER))
                    .layer(new FusedLstmLayer(HIDDEN, UNITS, true, cell.fused, WeightInit.XAVIER));
        } else {
            layers.layer(new LSTM.Builder().nIn(IN).nOut(HIDDEN).activation(cell.stock).build())
                    .layer(new LastTimeStep(new LSTM.Builder().nIn(HIDDEN).nOut(UNITS).activation(cell.stock).build()));
        }
        MultiLayerConfiguration conf = layers
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(UNITS).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.recurrent(IN, STEPS))
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    /** DL4J's gate blocks {@code [g, f, o, i]} → the fused op's {@code [i, f, g, o]}, along the last dimension. */
    private static final int[] FUSED_FROM_STOCK = {3, 1, 0, 2};

    private static INDArray reorder(INDArray layout, int[] from) {
        // DL4J keeps the stock bias as a vector [4n], the fused layer's as [1, 4n]
        INDArray stockLayout = layout.rank() == 1 ? layout.reshape(1, layout.length()) : layout;
        long n = stockLayout.size(1) / 4;
        INDArray[] blocks = new INDArray[4];
        for (int gate = 0; gate < 4; gate++) {
            blocks[gate] = stockLayout.get(NDArrayIndex.all(), NDArrayIndex.interval(from[gate] * n, (from[gate] + 1) * n));
        }
        return Nd4j.hstack(blocks);
    }

    private static INDArray toStockOrder(INDArray fusedLayout) {
        int[] inverse = new int[4];
        for (int gate = 0; gate < 4; gate++) {
            inverse[FUSED_FROM_STOCK[gate]] = gate;
        }
        return reorder(fusedLayout, inverse);
    }

    /** A stock network and a fused one holding the same function: random (non-zero) biases, copied weights. */
    private static MultiLayerNetwork[] pair(Cell cell) {
        MultiLayerNetwork stock = network(false, cell);
        MultiLayerNetwork fused = network(true, cell);
        for (int layer = 0; layer < 2; layer++) {
            stock.getLayer(layer).getParam("b").assign(Nd4j.rand(DataType.DOUBLE, 1, 4L * (layer == 0 ? HIDDEN : UNITS))
                    .subi(0.5));
            for (String key : List.of("W", "RW", "b")) {
                INDArray target = fused.getLayer(layer).getParam(key);
                target.assign(reorder(stock.getLayer(layer).getParam(key), FUSED_FROM_STOCK).reshape(target.shape()));
            }
        }
        fused.getLayer(2).setParams(stock.getLayer(2).params().dup());
        return new MultiLayerNetwork[] {stock, fused};
    }

    private static INDArray input() {
        return Nd4j.rand(DataType.DOUBLE, BATCH, IN, STEPS).subi(0.5).muli(2);
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void computesTheSameFunctionAsDl4jsLstm(Cell cell) {
        MultiLayerNetwork[] pair = pair(cell);
        INDArray input = input();
        List<INDArray> stock = pair[0].feedForward(input, false);
        List<INDArray> fused = pair[1].feedForward(input, false);
        double sequence = maxAbsDiff(stock.get(1), fused.get(1));
        double lastStep = maxAbsDiff(stock.get(2), fused.get(2));
        double output = maxAbsDiff(stock.get(3), fused.get(3));
        System.out.printf("%s outputs, max abs diff: sequence %.2e, last step %.2e, network %.2e%n", cell, sequence,
                lastStep, output);
        assertThat(fused.get(1).shape()).containsExactly(BATCH, HIDDEN, STEPS);
        assertThat(fused.get(2).shape()).containsExactly(BATCH, UNITS);
        assertThat(stock.get(3).amaxNumber().doubleValue()).as("a non-trivial output").isGreaterThan(1e-3);
        assertThat(Math.max(sequence, Math.max(lastStep, output))).isLessThan(TOLERANCE);
    }

    /**
     * DL4J's output layer hands both networks the same error, so their parameter gradients must agree, minibatch after
     * minibatch of two sizes (the step loop keeps its arrays between minibatches).
     */
    @ParameterizedTest
    @EnumSource(Cell.class)
    void hasTheSameGradientsAsDl4jsLstm(Cell cell) {
        MultiLayerNetwork[] pair = pair(cell);
        double worst = 0;
        double largest = 0;
        for (int minibatch = 0; minibatch < 4; minibatch++) {
            int rows = minibatch % 2 == 0 ? BATCH : BATCH - 1;
            INDArray input = Nd4j.rand(DataType.DOUBLE, rows, IN, STEPS).subi(0.5).muli(2);
            INDArray labels = Nd4j.rand(DataType.DOUBLE, rows, 2);
            for (MultiLayerNetwork network : pair) {
                network.setInput(input);
                network.setLabels(labels);
                network.computeGradientAndScore();
            }
            for (int layer = 0; layer < 2; layer++) {
                for (String key : List.of("W", "RW", "b")) {
                    INDArray expected = pair[0].gradient().getGradientFor(layer + "_" + key);
                    INDArray actual = toStockOrder(pair[1].gradient().getGradientFor(layer + "_" + key))
                            .reshape(expected.shape());
                    worst = Math.max(worst, maxAbsDiff(expected, actual));
                    largest = Math.max(largest, expected.amaxNumber().doubleValue());
                }
            }
            assertThat(pair[0].score()).isCloseTo(pair[1].score(), org.assertj.core.api.Assertions.within(TOLERANCE));
        }
        System.out.printf("%s gradients, max abs diff %.2e (largest gradient %.3g)%n", cell, worst, largest);
        assertThat(largest).isGreaterThan(1e-3);
        assertThat(worst).isLessThan(TOLERANCE);
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void gradientsMatchFiniteDifferences(Cell cell) {
        assertThat(GradientChecks.matchFiniteDifferences(pair(cell)[1], input(), Nd4j.rand(DataType.DOUBLE, BATCH, 2)))
                .isTrue();
    }

    /** Training runs the step loop of {@code LstmStepLoop}, inference ND4J's fused op: the same outputs and score. */
    @ParameterizedTest
    @EnumSource(Cell.class)
    void trainingAndInferenceForwardPassesAgree(Cell cell) {
        MultiLayerNetwork fused = pair(cell)[1];
        INDArray input = input();
        List<INDArray> inference = fused.feedForward(input, false);
        List<INDArray> training = fused.feedForward(input, true);
        for (int layer = 1; layer <= 3; layer++) {
            assertThat(training.get(layer).shape()).isEqualTo(inference.get(layer).shape());
            assertThat(maxAbsDiff(training.get(layer), inference.get(layer))).isLessThan(1e-12);
        }
        assertThat(inference.get(3).amaxNumber().doubleValue()).isGreaterThan(1e-3);
    }

    @Test
    void startsWithTheForgetGateBiasAtOneAndWeightsOfTheStockScale() {
        MultiLayerNetwork[] networks = {network(false, Cell.TANH), network(true, Cell.TANH)};
        for (MultiLayerNetwork network : networks) {
            double[] bias = network.getLayer(1).getParam("b").dup().data().asDouble();
            assertThat(java.util.Arrays.copyOfRange(bias, UNITS, 2 * UNITS)).containsOnly(1.0);
            assertThat(java.util.Arrays.stream(bias).sum()).isEqualTo(UNITS);
        }
        // Xavier with DL4J's LSTM fan-in and fan-out: the same standard deviation, within sampling noise
        double stock = networks[0].getLayer(1).getParam("RW").stdNumber().doubleValue();
        double fused = networks[1].getLayer(1).getParam("RW").stdNumber().doubleValue();
        assertThat(fused / stock).isBetween(0.7, 1.4);
    }

    @Test
    void dropsInputsOnlyInTraining() {
        MultiLayerNetwork network = network(true, Cell.TANH);
        network.getLayerWiseConfigurations().getConf(1).getLayer()
                .setIDropout(new org.deeplearning4j.nn.conf.dropout.Dropout(0.5));
        network = new MultiLayerNetwork(network.getLayerWiseConfigurations().clone());
        network.init();
        INDArray input = input();
        INDArray inference = network.output(input, false);
        assertThat(network.output(input, false)).isEqualTo(inference);
        assertThat(maxAbsDiff(network.output(input, true), inference)).isGreaterThan(1e-6);
    }

    @Test
    void savedAndRestoredNetworkComputesIdentically(@TempDir Path dir) throws Exception {
        MultiLayerNetwork network = pair(Cell.TANH)[1];
        File file = dir.resolve("fused.zip").toFile();
        ModelSerializer.writeModel(network, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        INDArray input = input();
        assertThat(restored.getLayerWiseConfigurations().getConf(1).getLayer()).isInstanceOf(FusedLstmLayer.class);
        assertThat(restored.params()).isEqualTo(network.params());
        assertThat(restored.output(input, false)).isEqualTo(network.output(input, false));
    }
}
