package dev.tsforge.model.internal.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
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
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The stepped SimpleRnn is DL4J's SimpleRnn: the same initial weights, outputs and gradients, gradients that match
 * finite differences, and a save/load round trip that keeps the layer.
 */
class SimpleRnnLayerTests {

    private static final int IN = 2;
    private static final int HIDDEN = 3;
    private static final int UNITS = 4;
    private static final int STEPS = 5;
    private static final int BATCH = 3;

    enum Cell {
        TANH, RELU
    }

    /** Two stacked SimpleRnns (full sequence, then last step) and a linear output, stock or stepped. */
    private static MultiLayerNetwork network(boolean stepped, Cell cell) {
        return network(stepped, cell, new NoOp());
    }

    private static MultiLayerNetwork network(boolean stepped, Cell cell, IUpdater updater) {
        Activation activation = cell == Cell.RELU ? Activation.RELU : Activation.TANH;
        SimpleRnn.Builder lower = new SimpleRnn.Builder().nIn(IN).nOut(HIDDEN).activation(activation);
        SimpleRnn.Builder upper = new SimpleRnn.Builder().nIn(HIDDEN).nOut(UNITS).activation(activation);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(12).weightInit(WeightInit.XAVIER).updater(updater).list()
                .layer(stepped ? new SimpleRnnLayer(lower) : lower.build())
                .layer(new LastTimeStep(stepped ? new SimpleRnnLayer(upper) : upper.build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(UNITS).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.recurrent(IN, STEPS))
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void computesWhatDl4jsSimpleRnnComputes(Cell cell) {
        MultiLayerNetwork stock = network(false, cell);
        MultiLayerNetwork stepped = network(true, cell);
        assertThat(stepped.params()).as("the same initial weights from the same seed").isEqualTo(stock.params());
        // biases away from zero, so that a wrong bias gradient would show
        stock.params().addi(Nd4j.rand(DataType.DOUBLE, stock.params().shape()).subi(0.5).muli(0.4));
        stepped.setParams(stock.params().dup());
        INDArray input = Nd4j.rand(DataType.DOUBLE, BATCH, IN, STEPS).subi(0.5).muli(2);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, BATCH, 2);

        assertThat(stepped.output(input).equalsWithEps(stock.output(input), 1e-12)).as("outputs").isTrue();
        INDArray expected = GradientChecks.gradient(stock, input, labels);
        INDArray actual = GradientChecks.gradient(stepped, input, labels);
        assertThat(actual.length()).isEqualTo(stock.numParams());
        assertThat(actual.sub(expected).amaxNumber().doubleValue()).as("largest gradient difference")
                .isLessThan(1e-12);
        assertThat(expected.amaxNumber().doubleValue()).as("gradients are not all zero").isGreaterThan(1e-3);
    }

    @Test
    void trainsAsDl4jsSimpleRnnOverMinibatchesOfTwoShapes() {
        // the step loop keeps its arrays from one minibatch to the next, for two shapes: full and last minibatch
        MultiLayerNetwork stock = network(false, Cell.TANH, new Sgd(0.1));
        MultiLayerNetwork stepped = network(true, Cell.TANH, new Sgd(0.1));
        for (int minibatch = 0; minibatch < 6; minibatch++) {
            int rows = minibatch % 2 == 0 ? BATCH : BATCH - 1;
            INDArray input = Nd4j.rand(DataType.DOUBLE, rows, IN, STEPS).subi(0.5).muli(2);
            INDArray labels = Nd4j.rand(DataType.DOUBLE, rows, 2);
            stock.fit(input, labels);
            stepped.fit(input, labels);
            assertThat(stepped.params().sub(stock.params()).amaxNumber().doubleValue())
                    .as("largest weight difference after minibatch %d", minibatch).isLessThan(1e-12);
        }
        assertThat(stepped.params().sub(network(true, Cell.TANH).params()).amaxNumber().doubleValue())
                .as("the weights moved").isGreaterThan(1e-3);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        INDArray input = Nd4j.rand(DataType.DOUBLE, BATCH, IN, STEPS).subi(0.5);
        assertThat(GradientChecks.matchFiniteDifferences(network(true, Cell.TANH), input,
                Nd4j.rand(DataType.DOUBLE, BATCH, 2))).isTrue();
    }

    @Test
    void saveAndLoadKeepTheLayer(@TempDir Path dir) throws Exception {
        MultiLayerNetwork network = network(true, Cell.RELU);
        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(network, file, false);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, false);
        assertThat(restored.getLayerWiseConfigurations().getConf(0).getLayer()).isInstanceOf(SimpleRnnLayer.class);
        assertThat(restored.getLayer(0)).isInstanceOf(SimpleRnnRuntimeLayer.class);
        INDArray input = Nd4j.rand(DataType.DOUBLE, BATCH, IN, STEPS);
        assertThat(restored.output(input)).isEqualTo(network.output(input));
    }
}
