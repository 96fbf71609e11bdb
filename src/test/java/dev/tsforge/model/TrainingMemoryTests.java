package dev.tsforge.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.internal.network.NetworkFactory;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The device memory estimate of a training. Weights and updater state are counted exactly, against the networks
 * {@link NetworkFactory} builds; activations, data and the margin follow the formula (the GPU test measures the
 * whole on a GPU).
 */
class TrainingMemoryTests {

    private static NetworkSpec spec(Architecture cell, List<Integer> sizes, boolean bidirectional,
            SpecOptions.Optimizer optimizer, OutputStrategy strategy) {
        NetworkSpec base = NetworkSpec.DEFAULTS.withLayers(cell, sizes, bidirectional);
        NetworkSpec withOptimizer = new NetworkSpec(base.architecture(), base.hiddenSizes(), base.bidirectional(),
                base.activation(), base.weightInit(), optimizer, base.learningRate(), base.batchSize(), base.epochs(),
                base.dropout(), base.l2(), base.gradientClipping(), base.gradientClipThreshold(), base.normalization(),
                base.validationFraction(), base.earlyStoppingPatience(), base.window());
        WindowSpec window = base.window();
        return withOptimizer.withWindow(new WindowSpec(window.lookback(), window.horizon(), strategy,
                window.gapPolicy(), window.seed()));
    }

    static List<NetworkSpec> networks() {
        return List.of(
                spec(Architecture.LSTM, List.of(32), false, SpecOptions.Optimizer.ADAM, OutputStrategy.RECURSIVE),
                spec(Architecture.LSTM, List.of(64, 32), true, SpecOptions.Optimizer.ADAM, OutputStrategy.DIRECT),
                spec(Architecture.SIMPLE_RNN, List.of(16, 8), false, SpecOptions.Optimizer.SGD,
                        OutputStrategy.RECURSIVE),
                spec(Architecture.SIMPLE_RNN, List.of(12), true, SpecOptions.Optimizer.RMSPROP,
                        OutputStrategy.DIRECT),
                spec(Architecture.GRU, List.of(24, 24), false, SpecOptions.Optimizer.ADAM, OutputStrategy.RECURSIVE));
    }

    @ParameterizedTest
    @MethodSource("networks")
    void weightsAndUpdaterStateAreThoseOfTheBuiltNetwork(NetworkSpec spec) {
        MultiLayerNetwork network = NetworkFactory.build(spec);
        TrainingMemory memory = TrainingMemory.of(spec, 1000);
        assertThat(memory.parameterBytes()).isEqualTo(network.numParams() * TrainingMemory.FLOAT_BYTES);
        assertThat(memory.gradientBytes()).isEqualTo(memory.parameterBytes());
        long updaterState = network.getUpdater().getStateViewArray() == null ? 0
                : network.getUpdater().getStateViewArray().length();
        assertThat(memory.optimizerBytes()).isEqualTo(updaterState * TrainingMemory.FLOAT_BYTES);
    }

    @Test
    void theDefaultNetworkNeedsTheWorkspaceFloor() {
        // LSTM(32), lookback 24, batch 32: about 1 MB of activations; DL4J's and cuBLAS's scratch space dominates
        TrainingMemory memory = TrainingMemory.of(NetworkSpec.DEFAULTS, 1000);
        assertThat(memory.parameterBytes()).isEqualTo((4L * 32 * (1 + 32 + 1) + 32 + 1) * 4);
        assertThat(memory.activationBytes()).isEqualTo((2L * 32 * 24 * 32 * 6 + 2L * 32 * 24 * 2) * 4);
        assertThat(memory.dataBytes()).isEqualTo(1000L * 25 * 8);
        assertThat(memory.workspaceBytes()).isEqualTo(TrainingMemory.MIN_WORKSPACE_BYTES);
        assertThat(memory.totalBytes()).isBetween(64L << 20, 70L << 20);
    }

    @Test
    void activationsGrowWithBatchLookbackAndLayersAndTheMarginWithThem() {
        NetworkSpec big = spec(Architecture.LSTM, List.of(512, 512), true, SpecOptions.Optimizer.ADAM,
                OutputStrategy.RECURSIVE);
        WindowSpec window = big.window();
        big = new NetworkSpec(big.architecture(), big.hiddenSizes(), true, big.activation(), big.weightInit(),
                big.optimizer(), big.learningRate(), 4096, big.epochs(), 0, 0, big.gradientClipping(), 1,
                big.normalization(), 0.1, 10, new WindowSpec(1000, window.horizon(), window.strategy(),
                window.gapPolicy(), window.seed()));
        TrainingMemory memory = TrainingMemory.of(big, 100_000);
        // 2 × 2 directions × 4096 × 1000 × 512 × 6 floats per layer, two layers: about 200 GB
        assertThat(memory.activationBytes()).isEqualTo(2 * (2L * 2 * 4096 * 1000 * 512 * 6) * 4 + 2L * 4096 * 1000 * 2 * 4);
        assertThat(memory.workspaceBytes()).isEqualTo((long) (TrainingMemory.MARGIN * (memory.totalBytes()
                - memory.workspaceBytes())));
        assertThat(memory.totalBytes()).isGreaterThan(141L << 30);
    }

    @Test
    void aBatchLargerThanTheDataIsTheData() {
        NetworkSpec spec = NetworkSpec.DEFAULTS;
        assertThat(TrainingMemory.of(spec, 10).activationBytes())
                .isEqualTo(TrainingMemory.of(spec, 1000).activationBytes() * 10 / 32);
    }
}
