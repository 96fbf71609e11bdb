package dev.tsforge.model.internal.inference;

import dev.tsforge.model.internal.layers.FusedLstmLayer;
import dev.tsforge.model.internal.layers.GruLayer;
import dev.tsforge.model.internal.layers.SimpleRnnStepLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMActivations;

/**
 * The inference pass of a trained network in plain Java: the layers tsforge builds (its LSTM and GRU layers, DL4J's
 * SimpleRnn, a linear output) over one window at a time, reading copies of the trained weights. Why not
 * {@code output()}: for the small networks a forecast runs, a forward pass is bound by per-operation overhead, not
 * arithmetic; {@code output()} is synchronized, so one model serves one request at a time; and ND4J's fused
 * {@code lstmLayer} op keeps some native memory on every call, which a busy service never gets back. Here a window of
 * LSTM(64) is ~0.4 M multiply-adds in loops the JIT vectorises, concurrent requests run on all cores, and nothing is
 * allocated outside the heap. {@code JavaForwardTests} proves it computes what {@code output()} computes.
 *
 * <p>Networks it does not cover (DL4J's own LSTM of older models and of bidirectional or MASK ones, layer norm, any
 * other activation) are left to {@code output()}: {@link #of} answers empty.
 */
public final class JavaForward {

    private final List<JavaLayers.Stage> stages;

    private JavaForward(List<JavaLayers.Stage> stages) {
        this.stages = stages;
    }

    /** The plain-Java pass of {@code network}, or empty where one of its layers is not covered. */
    public static Optional<JavaForward> of(MultiLayerNetwork network) {
        MultiLayerConfiguration configuration = network.getLayerWiseConfigurations();
        if (network.getLayers().length == 0 || configuration.getDataType() != DataType.FLOAT
                || !configuration.getInputPreProcessors().isEmpty()) {
            return Optional.empty();
        }
        List<JavaLayers.Stage> stages = new ArrayList<>();
        int last = network.getLayers().length - 1;
        for (int i = 0; i <= last; i++) {
            org.deeplearning4j.nn.conf.layers.Layer layer = configuration.getConf(i).getLayer();
            Optional<JavaLayers.Stage> stage = stage(network.getLayer(i), layer, i == last);
            if (stage.isEmpty()) {
                return Optional.empty();
            }
            stages.add(stage.get());
        }
        // the output layer reads one step: the recurrent layer before it must keep only its last
        if (stages.size() < 2 || stages.get(stages.size() - 2).steps(2) != 1) {
            return Optional.empty();
        }
        return Optional.of(new JavaForward(stages));
    }

    private static Optional<JavaLayers.Stage> stage(org.deeplearning4j.nn.api.Layer runtime,
            org.deeplearning4j.nn.conf.layers.Layer layer, boolean last) {
        if (last) {
            return layer instanceof OutputLayer output && output.getActivationFn() instanceof ActivationIdentity
                    ? Optional.of(new JavaLayers.Dense(JavaLayers.rows(runtime, "W"), JavaLayers.vector(runtime, "b"),
                            (int) output.getNOut()))
                    : Optional.empty();
        }
        if (layer instanceof FusedLstmLayer lstm) {
            return Optional.of(new Cells.Lstm(JavaLayers.rows(runtime, FusedLstmLayer.INPUT_WEIGHTS),
                    JavaLayers.rows(runtime, FusedLstmLayer.RECURRENT_WEIGHTS),
                    JavaLayers.vector(runtime, FusedLstmLayer.BIAS),
                    (int) lstm.getNOut(), lstm.getCellActivation() == LSTMActivations.RELU, lstm.isLastStepOnly()));
        }
        if (layer instanceof GruLayer gru) {
            return Optional.of(new Cells.Gru(runtime, (int) gru.getNOut(), gru.isLastStepOnly()));
        }
        boolean lastStepOnly = layer instanceof LastTimeStep;
        org.deeplearning4j.nn.conf.layers.Layer inner = lastStepOnly ? ((LastTimeStep) layer).getUnderlying() : layer;
        if (inner instanceof SimpleRnn rnn && !rnn.hasLayerNorm() && isTanhOrRelu(rnn.getActivationFn())) {
            return Optional.of(new Cells.Simple(JavaLayers.rows(runtime, "W"), JavaLayers.rows(runtime, "RW"),
                    JavaLayers.vector(runtime, "b"),
                    (int) rnn.getNOut(), rnn.getActivationFn() instanceof ActivationReLU, lastStepOnly));
        }
        return Optional.empty();
    }

    /** The activations {@link JavaLayers} and {@link SimpleRnnStepLoop} implement: tanh, and ReLU without options. */
    public static boolean isTanhOrRelu(IActivation activation) {
        return activation instanceof ActivationTanH
                || activation instanceof ActivationReLU relu && relu.getMax() == null
                        && isZeroOrUnset(relu.getThreshold()) && isZeroOrUnset(relu.getNegativeSlope());
    }

    private static boolean isZeroOrUnset(Double value) {
        return value == null || value == 0;
    }

    /** Values the network emits for one window. */
    public int outputs() {
        return stages.get(stages.size() - 1).width();
    }

    /**
     * The network's output for one normalised window.
     *
     * @param window {@code [steps][features]} flattened, oldest first
     */
    public float[] output(float[] window, int steps) {
        float[] values = window;
        for (JavaLayers.Stage stage : stages) {
            int next = stage.steps(steps);
            values = stage.apply(values, steps);
            steps = next;
        }
        return values;
    }

    /**
     * A sequence fed a piece at a time, each recurrent layer going on from its state after the previous piece: the
     * outputs are those of {@link #output} over everything fed so far, at the cost of the new steps only. A stateful
     * roll-out feeds the window once, then each forecast value as one step.
     */
    public Rollout rollout() {
        return new Rollout(stages.stream().map(JavaLayers.Stage::carry).toArray(JavaLayers.Carry[]::new));
    }

    /**
     * {@link #rollout()} for a block of {@code windows} sequences fed together: every step multiplies the block by each
     * weight matrix, so a weight row is read once per few windows rather than once per window. Each window's values
     * are those of {@link #output}, computed in the same order.
     */
    public BlockRollout blockRollout(int windows) {
        JavaLayers.Carry[][] carries = new JavaLayers.Carry[stages.size()][windows];
        for (int i = 0; i < stages.size(); i++) {
            for (int b = 0; b < windows; b++) {
                carries[i][b] = stages.get(i).carry();
            }
        }
        return new BlockRollout(carries);
    }

    /** The state of one {@link #blockRollout}; not for concurrent use. */
    public final class BlockRollout {

        /** Per stage, per window. */
        private final JavaLayers.Carry[][] carries;

        private BlockRollout(JavaLayers.Carry[][] carries) {
            this.carries = carries;
        }

        /** Back to the start of new sequences, as a fresh {@link #blockRollout} is, without allocating one. */
        public void restart() {
            for (JavaLayers.Carry[] stage : carries) {
                clear(stage);
            }
        }

        /** {@link Rollout#feed} of each window of the block: {@code inputs[b]} the next steps of window {@code b}. */
        public float[][] feed(float[][] inputs, int steps) {
            float[][] values = inputs;
            for (int i = 0; i < stages.size(); i++) {
                JavaLayers.Stage stage = stages.get(i);
                int next = stage.steps(steps);
                values = stage.applyBlock(values, steps, carries[i]);
                steps = next;
            }
            return values;
        }
    }

    /** The state of one {@link #rollout()}; not for concurrent use. */
    public final class Rollout {

        private final JavaLayers.Carry[] carries;

        private Rollout(JavaLayers.Carry[] carries) {
            this.carries = carries;
        }

        /** Back to the start of a new sequence, as a fresh {@link #rollout()} is, without allocating one. */
        public void restart() {
            clear(carries);
        }

        /**
         * The network's output after {@code steps} more input steps.
         *
         * @param input {@code [steps][features]} flattened, oldest first, already normalised
         */
        public float[] feed(float[] input, int steps) {
            float[] values = input;
            for (int i = 0; i < stages.size(); i++) {
                JavaLayers.Stage stage = stages.get(i);
                int next = stage.steps(steps);
                values = stage.apply(values, steps, carries[i]);
                steps = next;
            }
            return values;
        }
    }

    /** Zeroes each carry of {@code carries}; a stage without state has none (null). */
    private static void clear(JavaLayers.Carry[] carries) {
        for (JavaLayers.Carry carry : carries) {
            if (carry != null) {
                carry.clear();
            }
        }
    }
}
