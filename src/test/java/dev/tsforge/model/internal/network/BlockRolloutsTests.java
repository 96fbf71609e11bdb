package dev.tsforge.model.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.model.Architecture;
import dev.tsforge.model.History;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.SpecOptions.Rollout;
import dev.tsforge.model.TestSpecs;
import dev.tsforge.model.internal.inference.JavaForward;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A batch of histories, rolled out in blocks (each weight matrix multiplied by a block of windows per step), gets
 * the same forecasts as each history alone: every value, for each cell, roll-out and strategy. Two stacked layers of
 * 13 and 6 units: a first layer that passes on every step, and widths that are not multiples of the four weight rows
 * a pass reads; 37 histories: blocks of 16 and one of 5. STATEFUL batches run one history at a time (blocks were not
 * faster there); the block kernel is checked under a stateful feed directly, and the stateful block roll-out that
 * {@code BlockForecastBenchmark} measures against them.
 */
class BlockRolloutsTests {

    private static final int HISTORIES = 37;
    private static final int HORIZON = 17;

    static Stream<Arguments> models() {
        List<Arguments> models = new ArrayList<>();
        for (Architecture cell : Architecture.values()) {
            models.add(Arguments.of(cell, OutputStrategy.RECURSIVE, Rollout.SLIDING, Normalization.STANDARDIZE));
            models.add(Arguments.of(cell, OutputStrategy.RECURSIVE, Rollout.STATEFUL, Normalization.STANDARDIZE));
            models.add(Arguments.of(cell, OutputStrategy.DIRECT, Rollout.SLIDING, Normalization.STANDARDIZE));
            models.add(Arguments.of(cell, OutputStrategy.RECURSIVE, Rollout.SLIDING, Normalization.LAST_VALUE));
            models.add(Arguments.of(cell, OutputStrategy.RECURSIVE, Rollout.STATEFUL, Normalization.WINDOW));
        }
        return models.stream();
    }

    @ParameterizedTest
    @MethodSource("models")
    void aBatchForecastsWhatEachHistoryForecastsAlone(Architecture cell, OutputStrategy strategy, Rollout rollout,
            Normalization normalization) {
        Random random = new Random(3);
        double[] series = new double[200];
        for (int t = 0; t < series.length; t++) {
            series[t] = 20 + 5 * Math.sin(2 * Math.PI * t / 12) + random.nextGaussian();
        }
        NetworkSpec spec = TestSpecs.withStrategy(TestSpecs.withHidden(TestSpecs.withEpochs(TestSpecs.small(cell), 1),
                List.of(13, 6), false), strategy, 5).withNormalization(normalization).withRollout(rollout);
        Dl4jPredictor predictor = (Dl4jPredictor) new Dl4jTrainer().fit(List.of(series), spec, (e, l, v) -> { })
                .predictor();
        assertThat(predictor.runsInJava()).isTrue();

        List<History> histories = new ArrayList<>();
        for (int i = 0; i < HISTORIES; i++) {
            histories.add(History.of(java.util.Arrays.copyOfRange(series, i, 40 + 3 * i)));
        }
        double[][] batch = predictor.forecastAll(histories, HORIZON);
        for (int i = 0; i < HISTORIES; i++) {
            double[] alone = predictor.forecast(histories.get(i), HORIZON);
            assertThat(java.util.Arrays.stream(alone).allMatch(Double::isFinite)).isTrue();
            assertThat(batch[i]).as("history %d", i).containsExactly(alone);
        }
    }

    /** The stateful roll-out of a block, each row scaled at its own origin (WINDOW), is each row's own roll-out. */
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void aStatefulBlockRollsEachHistoryOutAsItsOwnRolloutDoes(Architecture cell) {
        Random random = new Random(7);
        double[] series = new double[200];
        for (int t = 0; t < series.length; t++) {
            series[t] = 20 + 5 * Math.sin(2 * Math.PI * t / 12) + random.nextGaussian();
        }
        NetworkSpec spec = TestSpecs.withHidden(TestSpecs.withEpochs(TestSpecs.small(cell), 1), List.of(13, 6), false)
                .withNormalization(Normalization.WINDOW).withRollout(Rollout.STATEFUL);
        Dl4jTrainer.FittedNetwork fitted = new Dl4jTrainer().fit(List.of(series), spec, (e, l, v) -> { });
        int lookback = fitted.lookback();
        StatefulRollouts rollouts = new StatefulRollouts(JavaForward.of(fitted.network()).orElseThrow(),
                WindowScaling.of(fitted.normalizer(), 1).orElseThrow(), true, true, lookback);
        double[][] block = new double[HISTORIES][lookback + HORIZON];
        for (int b = 0; b < HISTORIES; b++) {
            for (int t = 0; t < lookback; t++) {
                // each row at a level and scale of its own
                block[b][t] = (1 + b) * series[3 * b + t] - 7 * b;
            }
        }
        double[][] alone = new double[HISTORIES][];
        for (int b = 0; b < HISTORIES; b++) {
            alone[b] = block[b].clone();
            rollouts.one(alone[b], HORIZON);
        }
        rollouts.block(block, HORIZON);
        for (int b = 0; b < HISTORIES; b++) {
            assertThat(block[b]).as("history %d", b).containsExactly(alone[b]);
        }
    }

    /** A block fed its windows and then one step at a time, each row's state kept, as a STATEFUL roll-out feeds. */
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void aBlockCarriesEachWindowsStateAsItsOwnRolloutDoes(Architecture cell) {
        NetworkSpec spec = TestSpecs.withHidden(TestSpecs.small(cell), List.of(13, 6), false);
        JavaForward forward = JavaForward.of(NetworkFactory.build(spec)).orElseThrow();
        Random random = new Random(5);
        float[][] windows = new float[HISTORIES][10];
        float[][][] steps = new float[4][HISTORIES][1];
        for (int b = 0; b < HISTORIES; b++) {
            for (int t = 0; t < 10; t++) {
                windows[b][t] = (float) random.nextGaussian();
            }
            for (float[][] step : steps) {
                step[b][0] = (float) random.nextGaussian();
            }
        }
        JavaForward.BlockRollout block = forward.blockRollout(HISTORIES);
        List<float[][]> blockOutputs = new ArrayList<>();
        blockOutputs.add(block.feed(windows, 10));
        for (float[][] step : steps) {
            blockOutputs.add(block.feed(step, 1));
        }
        for (int b = 0; b < HISTORIES; b++) {
            JavaForward.Rollout alone = forward.rollout();
            assertThat(blockOutputs.get(0)[b]).as("window %d", b).containsExactly(alone.feed(windows[b], 10));
            assertThat(blockOutputs.get(0)[b]).containsExactly(forward.output(windows[b], 10));
            for (int k = 0; k < steps.length; k++) {
                assertThat(blockOutputs.get(k + 1)[b]).as("window %d, step %d", b, k)
                        .containsExactly(alone.feed(steps[k][b], 1));
            }
        }
    }
}
