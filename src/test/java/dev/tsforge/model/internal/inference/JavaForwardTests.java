package dev.tsforge.model.internal.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tsforge.model.Architecture;
import dev.tsforge.model.History;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SpecOptions.CellActivation;
import dev.tsforge.model.SpecOptions.GradientClipping;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.SpecOptions.Optimizer;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.SpecOptions.WeightInitScheme;
import dev.tsforge.model.TestSpecs;
import dev.tsforge.model.WindowSpec;
import dev.tsforge.model.internal.network.Dl4jPredictor;
import dev.tsforge.model.internal.network.Dl4jTrainer;
import dev.tsforge.model.internal.network.NetworkFactory;
import dev.tsforge.series.GapPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The plain-Java forward pass computes what DL4J's {@code output()} computes, for every network tsforge builds that it
 * covers, and declines the ones it does not; and a predictor forecasts the same numbers either way, normalisers and
 * recursive rollout included.
 */
class JavaForwardTests {

    private static final int LOOKBACK = 12;
    /** Float arithmetic in a different order (BLAS against a plain loop) and exp-based tanh: a few ulps per step. */
    private static final double TOLERANCE = 2e-5;

    private static NetworkSpec spec(Architecture architecture, List<Integer> hidden, CellActivation activation,
            OutputStrategy strategy, Normalization normalization) {
        return new NetworkSpec(architecture, hidden, false, activation, WeightInitScheme.XAVIER, Optimizer.ADAM, 0.01, 16, 1, 0, 0, GradientClipping.NONE, 1.0, normalization, 0, 0,
                new WindowSpec(LOOKBACK, 6, strategy, GapPolicy.SPLIT, 11));
    }

    static Stream<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        for (Architecture architecture : List.of(Architecture.LSTM, Architecture.GRU, Architecture.SIMPLE_RNN)) {
            for (List<Integer> hidden : List.of(List.of(16), List.of(12, 8))) {
                for (OutputStrategy strategy : OutputStrategy.values()) {
                    cases.add(Arguments.of(architecture, hidden, CellActivation.TANH, strategy));
                }
            }
            if (architecture != Architecture.GRU) {
                cases.add(Arguments.of(architecture, List.of(12, 8), CellActivation.RELU, OutputStrategy.DIRECT));
            }
        }
        return cases.stream();
    }

    /** Random weights and biases of the scale training gives, so that every gate and bias matters. */
    private static MultiLayerNetwork perturbed(MultiLayerNetwork network, long seed) {
        Random random = new Random(seed);
        INDArray params = network.params();
        float[] values = new float[(int) params.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((random.nextDouble() - 0.5) * 1.2);
        }
        params.assign(Nd4j.create(values, params.shape(), params.ordering()));
        return network;
    }

    private static float[][] windows(int count, long seed) {
        Random random = new Random(seed);
        float[][] windows = new float[count][LOOKBACK];
        for (float[] window : windows) {
            for (int t = 0; t < LOOKBACK; t++) {
                window[t] = (float) (2 * Math.sin(t / 2.0 + random.nextDouble() * 6) + random.nextGaussian() * 0.3);
            }
        }
        return windows;
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("networks")
    void computesWhatOutputComputes(Architecture architecture, List<Integer> hidden, CellActivation activation,
            OutputStrategy strategy) {
        MultiLayerNetwork network = perturbed(NetworkFactory.build(
                spec(architecture, hidden, activation, strategy, Normalization.STANDARDIZE)), 5);
        JavaForward forward = JavaForward.of(network).orElseThrow();
        int outputs = strategy == OutputStrategy.DIRECT ? 6 : 1;
        assertThat(forward.outputs()).isEqualTo(outputs);

        float[][] windows = windows(8, 3);
        float[] flat = new float[8 * LOOKBACK];
        for (int i = 0; i < 8; i++) {
            System.arraycopy(windows[i], 0, flat, i * LOOKBACK, LOOKBACK);
        }
        INDArray expected = network.output(Nd4j.create(flat, new long[] {8, 1, LOOKBACK}, 'c'));
        double largest = 0;
        for (int i = 0; i < 8; i++) {
            float[] actual = forward.output(windows[i], LOOKBACK);
            assertThat(actual).hasSize(outputs);
            for (int h = 0; h < outputs; h++) {
                assertThat((double) actual[h]).as("window %d, output %d", i, h)
                        .isCloseTo(expected.getDouble(i, h), within(TOLERANCE));
                largest = Math.max(largest, Math.abs(actual[h]));
            }
        }
        // outputs of a size that would expose a wrong gate or a missing bias
        assertThat(largest).isGreaterThan(0.05);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("recursiveNetworks")
    void aRolloutFedPieceByPieceComputesWhatTheWholeSequenceDoes(Architecture architecture, List<Integer> hidden) {
        MultiLayerNetwork network = perturbed(NetworkFactory.build(
                spec(architecture, hidden, CellActivation.TANH, OutputStrategy.RECURSIVE, Normalization.STANDARDIZE)), 7);
        JavaForward forward = JavaForward.of(network).orElseThrow();
        float[] window = windows(1, 4)[0];
        float[] sequence = java.util.Arrays.copyOf(window, LOOKBACK + 6);
        JavaForward.Rollout rollout = forward.rollout();
        float[] output = rollout.feed(window, LOOKBACK);
        for (int fed = 0; fed <= 6; fed++) {
            int steps = LOOKBACK + fed;
            INDArray whole = network.output(Nd4j.create(java.util.Arrays.copyOf(sequence, steps),
                    new long[] {1, 1, steps}, 'c'));
            assertThat((double) output[0]).as("after %d more steps", fed)
                    .isCloseTo(forward.output(java.util.Arrays.copyOf(sequence, steps), steps)[0], within(1e-6))
                    .isCloseTo(whole.getDouble(0, 0), within(TOLERANCE));
            if (fed < 6) {
                // what a forecast feeds back: here the network's own output, scaled up to exercise the state
                sequence[steps] = 3 * output[0];
                output = rollout.feed(new float[] {sequence[steps]}, 1);
            }
        }
        // a fresh roll-out starts from a zero state again, not from the last one's
        assertThat(forward.rollout().feed(window, LOOKBACK)[0]).isEqualTo(forward.output(window, LOOKBACK)[0]);
        // and so does a restarted one, as a sliding roll-out reuses it window after window
        float[] other = windows(2, 9)[1];
        rollout.restart();
        assertThat(rollout.feed(other, LOOKBACK)).containsExactly(forward.output(other, LOOKBACK));
        JavaForward.BlockRollout block = forward.blockRollout(2);
        block.feed(new float[][] {window, other}, LOOKBACK);
        block.restart();
        float[][] again = block.feed(new float[][] {other, window}, LOOKBACK);
        assertThat(again[0]).containsExactly(forward.output(other, LOOKBACK));
        assertThat(again[1]).containsExactly(forward.output(window, LOOKBACK));
    }

    static Stream<Arguments> recursiveNetworks() {
        return Stream.of(Architecture.LSTM, Architecture.GRU, Architecture.SIMPLE_RNN)
                .flatMap(cell -> Stream.of(Arguments.of(cell, List.of(16)), Arguments.of(cell, List.of(12, 8))));
    }

    @Test
    void declinesTheNetworksItDoesNotCover() {
        NetworkSpec lstm = spec(Architecture.LSTM, List.of(8), CellActivation.TANH, OutputStrategy.RECURSIVE,
                Normalization.STANDARDIZE);
        assertThat(JavaForward.of(NetworkFactory.buildWithStockLstm(lstm))).as("DL4J's own LSTM").isEmpty();
        assertThat(JavaForward.of(NetworkFactory.build(TestSpecs.withHidden(lstm, List.of(8), true))))
                .as("bidirectional").isEmpty();
        assertThat(JavaForward.of(NetworkFactory.build(TestSpecs.withGapPolicy(lstm, GapPolicy.MASK))))
                .as("MASK: DL4J's LSTM, which reads masks").isEmpty();
        assertThat(JavaForward.of(NetworkFactory.build(TestSpecs.withGapPolicy(
                spec(Architecture.SIMPLE_RNN, List.of(8), CellActivation.TANH, OutputStrategy.RECURSIVE,
                        Normalization.STANDARDIZE), GapPolicy.MASK))))
                .as("a MASK SimpleRnn is covered: masks are read by output(), which takes any history with a gap")
                .isPresent();
    }

    /** A series of level ~100 so that the normaliser matters, and a trained network so that forecasts are real. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Normalization.class)
    void predictorForecastsTheSameInJavaAsThroughOutput(Normalization normalization) {
        double[] series = new double[160];
        Random random = new Random(9);
        for (int t = 0; t < series.length; t++) {
            series[t] = 100 + 0.2 * t + 8 * Math.sin(2 * Math.PI * t / 12) + random.nextGaussian();
        }
        for (OutputStrategy strategy : OutputStrategy.values()) {
            NetworkSpec spec = TestSpecs.withEpochs(spec(Architecture.LSTM, List.of(16), CellActivation.TANH, strategy,
                    normalization), 3);
            Dl4jTrainer.FittedNetwork fitted = new Dl4jTrainer(true).fit(List.of(series), spec, (epoch, loss, validation) -> { });
            Dl4jPredictor inJava = (Dl4jPredictor) fitted.predictor();
            assertThat(inJava.runsInJava()).isTrue();
            assertThat(inJava.runsInParallel()).isTrue();
            Dl4jPredictor throughOutput = new Dl4jPredictor(fitted.network(), fitted.normalizer(), fitted.relative(),
                    fitted.scaled(), fitted.lookback(), inJava.outputSteps(), false);
            assertThat(throughOutput.runsInJava()).isFalse();

            List<History> histories = List.of(History.of(java.util.Arrays.copyOf(series, 100)), History.of(series),
                    History.of(java.util.Arrays.copyOf(series, 131)));
            double[][] expected = throughOutput.forecastAll(histories, 18);
            double[][] actual = inJava.forecastAll(histories, 18);
            for (int i = 0; i < histories.size(); i++) {
                for (int h = 0; h < 18; h++) {
                    // a relative error of float arithmetic, rolled out over 18 recursive steps
                    assertThat(actual[i][h]).as("%s %s history %d step %d", normalization, strategy, i, h)
                            .isCloseTo(expected[i][h], within(1e-3 * Math.abs(expected[i][h])));
                }
            }
        }
    }
}
