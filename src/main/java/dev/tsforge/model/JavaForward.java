package dev.tsforge.model;

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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMActivations;

/**
 * The inference pass of a trained network in plain Java: the layers tsforge builds (its LSTM and GRU layers, DL4J's
 * SimpleRnn, a linear output) over one window at a time, reading copies of the trained weights. Why not
 * {@code output()}: for the small networks a forecast runs, a forward pass is bound by per-operation overhead, not
 * arithmetic; {@code output()} is synchronized, so one model serves one request at a time; and ND4J's fused
 * {@code lstmLayer} op keeps ~3 KB of native memory per call, which a busy service never gets back. Here a window of
 * LSTM(64) is ~0.4 M multiply-adds in loops the JIT vectorises, concurrent requests run on all cores, and nothing is
 * allocated outside the heap. {@code JavaForwardTests} proves it computes what {@code output()} computes.
 *
 * <p>Networks it does not cover (DL4J's own LSTM of older models and of bidirectional or MASK ones, layer norm, any
 * other activation) are left to {@code output()}: {@link #of} answers empty.
 */
final class JavaForward {

    /** One layer over one window: {@code input} is {@code [steps][width]} flattened, step-major. */
    private interface Stage {

        /** Width of one step of the output. */
        int width();

        /** Steps of the output: the input's, or 1 for a layer that keeps only the last step. */
        int steps(int inputSteps);

        float[] apply(float[] input, int steps);
    }

    private final List<Stage> stages;

    private JavaForward(List<Stage> stages) {
        this.stages = stages;
    }

    /** The plain-Java pass of {@code network}, or empty where one of its layers is not covered. */
    static Optional<JavaForward> of(MultiLayerNetwork network) {
        MultiLayerConfiguration configuration = network.getLayerWiseConfigurations();
        if (network.getLayers().length == 0 || configuration.getDataType() != DataType.FLOAT
                || !configuration.getInputPreProcessors().isEmpty()) {
            return Optional.empty();
        }
        List<Stage> stages = new ArrayList<>();
        int last = network.getLayers().length - 1;
        for (int i = 0; i <= last; i++) {
            org.deeplearning4j.nn.conf.layers.Layer layer = configuration.getConf(i).getLayer();
            Optional<Stage> stage = stage(network.getLayer(i), layer, i == last);
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

    private static Optional<Stage> stage(org.deeplearning4j.nn.api.Layer runtime,
            org.deeplearning4j.nn.conf.layers.Layer layer, boolean last) {
        if (last) {
            return layer instanceof OutputLayer output && output.getActivationFn() instanceof ActivationIdentity
                    ? Optional.of(new Dense(rows(runtime, "W"), vector(runtime, "b"), (int) output.getNOut()))
                    : Optional.empty();
        }
        if (layer instanceof FusedLstmLayer lstm) {
            return Optional.of(new Lstm(rows(runtime, FusedLstmLayer.INPUT_WEIGHTS),
                    rows(runtime, FusedLstmLayer.RECURRENT_WEIGHTS), vector(runtime, FusedLstmLayer.BIAS),
                    (int) lstm.getNOut(), lstm.getCellActivation() == LSTMActivations.RELU, lstm.isLastStepOnly()));
        }
        if (layer instanceof GruLayer gru) {
            return Optional.of(new Gru(runtime, (int) gru.getNOut(), gru.isLastStepOnly()));
        }
        boolean lastStepOnly = layer instanceof LastTimeStep;
        org.deeplearning4j.nn.conf.layers.Layer inner = lastStepOnly ? ((LastTimeStep) layer).getUnderlying() : layer;
        if (inner instanceof SimpleRnn rnn && !rnn.hasLayerNorm() && isTanhOrRelu(rnn.getActivationFn())) {
            return Optional.of(new Simple(rows(runtime, "W"), rows(runtime, "RW"), vector(runtime, "b"),
                    (int) rnn.getNOut(), rnn.getActivationFn() instanceof ActivationReLU, lastStepOnly));
        }
        return Optional.empty();
    }

    private static boolean isTanhOrRelu(IActivation activation) {
        return activation instanceof ActivationTanH
                || activation instanceof ActivationReLU relu && relu.getMax() == null
                        && isZeroOrUnset(relu.getThreshold()) && isZeroOrUnset(relu.getNegativeSlope());
    }

    private static boolean isZeroOrUnset(Double value) {
        return value == null || value == 0;
    }

    /** A parameter (a matrix {@code [rows, columns]}, or a bias vector as one row) as one float array per row. */
    private static float[][] rows(org.deeplearning4j.nn.api.Layer layer, String name) {
        INDArray param = layer.getParam(name);
        if (param == null) {
            throw new IllegalStateException("Layer " + layer.getIndex() + " has no parameter " + name);
        }
        INDArray matrix = param.rank() == 1 ? param.reshape(1, param.length()) : param;
        float[][] rows = new float[(int) matrix.rows()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = matrix.getRow(i).dup().data().asFloat();
        }
        return rows;
    }

    private static float[] vector(org.deeplearning4j.nn.api.Layer layer, String name) {
        return layer.getParam(name).dup('c').data().asFloat();
    }

    /** Width of one input step. */
    int inputWidth() {
        return NetworkFactory.FEATURES;
    }

    /** Values the network emits for one window. */
    int outputs() {
        return stages.get(stages.size() - 1).width();
    }

    /**
     * The network's output for one normalised window.
     *
     * @param window {@code [steps][features]} flattened, oldest first
     */
    float[] output(float[] window, int steps) {
        float[] values = window;
        for (Stage stage : stages) {
            int next = stage.steps(steps);
            values = stage.apply(values, steps);
            steps = next;
        }
        return values;
    }

    /**
     * {@code out += x[offset, offset + rows) · matrix}. Four rows a pass, so that {@code out} is loaded and stored a
     * quarter as often. Rows are separate arrays, all indexed from 0, because the JIT (C2, Java 17) vectorises these
     * loops only then: with offsets into one flat array the same product ran 4× slower.
     */
    private static void addProduct(float[] out, float[] x, int offset, float[][] matrix) {
        int columns = out.length;
        int rows = matrix.length;
        int row = 0;
        for (; row + 4 <= rows; row += 4) {
            float x0 = x[offset + row];
            float x1 = x[offset + row + 1];
            float x2 = x[offset + row + 2];
            float x3 = x[offset + row + 3];
            float[] m0 = matrix[row];
            float[] m1 = matrix[row + 1];
            float[] m2 = matrix[row + 2];
            float[] m3 = matrix[row + 3];
            for (int j = 0; j < columns; j++) {
                out[j] += x0 * m0[j] + x1 * m1[j] + x2 * m2[j] + x3 * m3[j];
            }
        }
        for (; row < rows; row++) {
            float x0 = x[offset + row];
            float[] m0 = matrix[row];
            for (int j = 0; j < columns; j++) {
                out[j] += x0 * m0[j];
            }
        }
    }

    /** {@code out = bias + input[step] · inputWeights}. */
    private static void project(float[] out, float[] bias, float[] input, int step, float[][] inputWeights) {
        System.arraycopy(bias, 0, out, 0, out.length);
        addProduct(out, input, step * inputWeights.length, inputWeights);
    }

    /** Beyond this, tanh is 1 in float. */
    private static final float TANH_LIMIT = 7.90531110763549805f;

    /**
     * {@code tanh} of {@code a[from, to)} in place: a rational approximation (Eigen's float {@code tanh}, within
     * 4e-7 of the true value), because it needs no exponential and so the JIT vectorises the loop. {@code Math.tanh}
     * is not an intrinsic; with {@code Math.exp} the activations were a third of an LSTM(64) step.
     */
    static void tanh(float[] a, int from, int to) {
        for (int j = from; j < to; j++) {
            a[j] = tanh(a[j]);
        }
    }

    private static float tanh(float value) {
        float x = Math.max(-TANH_LIMIT, Math.min(TANH_LIMIT, value));
        float x2 = x * x;
        float p = x * (4.89352455891786e-03f + x2 * (6.37261928875436e-04f + x2 * (1.48572235717979e-05f
                + x2 * (5.12229709037114e-08f + x2 * (-8.60467152213735e-11f + x2 * (2.00018790482477e-13f
                + x2 * -2.76076847742355e-16f))))));
        float q = 4.89352518554385e-03f + x2 * (2.26843463243900e-03f + x2 * (1.18534705686654e-04f
                + x2 * 1.19825839466702e-06f));
        return p / q;
    }

    /** The logistic function of {@code a[from, to)} in place: {@code σ(x) = (1 + tanh(x / 2)) / 2}. */
    static void sigmoid(float[] a, int from, int to) {
        for (int j = from; j < to; j++) {
            a[j] = 0.5f + 0.5f * tanh(0.5f * a[j]);
        }
    }

    private static void activate(float[] a, int from, int to, boolean relu) {
        if (relu) {
            for (int j = from; j < to; j++) {
                a[j] = Math.max(a[j], 0f);
            }
        } else {
            tanh(a, from, to);
        }
    }

    /**
     * A recurrent layer: a zero initial state, one {@link #step} per input step, and the last state or every state as
     * output. Working arrays are made per call, so that concurrent calls share nothing.
     */
    private abstract static class Recurrent implements Stage {

        final int width;
        final boolean lastStepOnly;

        Recurrent(int width, boolean lastStepOnly) {
            this.width = width;
            this.lastStepOnly = lastStepOnly;
        }

        @Override
        public int width() {
            return width;
        }

        @Override
        public int steps(int inputSteps) {
            return lastStepOnly ? 1 : inputSteps;
        }

        /** The working arrays of one call. */
        abstract float[][] workspace();

        /** Advances {@code state} (the output, {@link #width} values) by input step {@code t}. */
        abstract void step(float[] input, int t, float[] state, float[][] work);

        @Override
        public float[] apply(float[] input, int steps) {
            float[][] work = workspace();
            float[] state = new float[width];
            float[] sequence = lastStepOnly ? null : new float[steps * width];
            for (int t = 0; t < steps; t++) {
                step(input, t, state, work);
                if (sequence != null) {
                    System.arraycopy(state, 0, sequence, t * width, width);
                }
            }
            return lastStepOnly ? state : sequence;
        }
    }

    /** A recurrent layer with one input matrix, one recurrent matrix and one bias (all gates side by side). */
    private abstract static class WeightedRecurrent extends Recurrent {

        final float[][] inputWeights;
        final float[][] recurrentWeights;
        final float[] bias;
        /** ReLU instead of tanh where the layer has a configurable activation. */
        final boolean relu;

        WeightedRecurrent(float[][] inputWeights, float[][] recurrentWeights, float[] bias, int width, boolean relu,
                boolean lastStepOnly) {
            super(width, lastStepOnly);
            this.inputWeights = inputWeights;
            this.recurrentWeights = recurrentWeights;
            this.bias = bias;
            this.relu = relu;
        }
    }

    /** The LSTM of {@link FusedLstmLayer}: gate order {@code [i, f, g, o]}, no peepholes. */
    private static final class Lstm extends WeightedRecurrent {

        Lstm(float[][] inputWeights, float[][] recurrentWeights, float[] bias, int width, boolean relu,
                boolean lastStepOnly) {
            super(inputWeights, recurrentWeights, bias, width, relu, lastStepOnly);
        }

        /** Gate pre-activations {@code z}, the cell state and the activated cell state. */
        @Override
        float[][] workspace() {
            return new float[][] {new float[4 * width], new float[width], new float[width]};
        }

        @Override
        void step(float[] input, int t, float[] output, float[][] work) {
            int n = width;
            float[] z = work[0];
            float[] cell = work[1];
            float[] cellOutput = work[2];
            project(z, bias, input, t, inputWeights);
            addProduct(z, output, 0, recurrentWeights);
            sigmoid(z, 0, 2 * n);
            activate(z, 2 * n, 3 * n, relu);
            sigmoid(z, 3 * n, 4 * n);
            for (int j = 0; j < n; j++) {
                cell[j] = z[n + j] * cell[j] + z[j] * z[2 * n + j];   // c = f c + i g
            }
            System.arraycopy(cell, 0, cellOutput, 0, n);
            activate(cellOutput, 0, n, relu);
            for (int j = 0; j < n; j++) {
                output[j] = z[3 * n + j] * cellOutput[j];                // h = o act(c)
            }
        }
    }

    /** DL4J's {@code SimpleRnn}: {@code h = act(x W + h RW + b)}. */
    private static final class Simple extends WeightedRecurrent {

        Simple(float[][] inputWeights, float[][] recurrentWeights, float[] bias, int width, boolean relu,
                boolean lastStepOnly) {
            super(inputWeights, recurrentWeights, bias, width, relu, lastStepOnly);
        }

        @Override
        float[][] workspace() {
            return new float[][] {new float[width]};
        }

        @Override
        void step(float[] input, int t, float[] output, float[][] work) {
            float[] z = work[0];
            project(z, bias, input, t, inputWeights);
            addProduct(z, output, 0, recurrentWeights);
            activate(z, 0, width, relu);
            System.arraycopy(z, 0, output, 0, width);
        }
    }

    /** {@link GruLayer}: the reset gate applied after the recurrent product. */
    private static final class Gru extends Recurrent {

        private static final String[] GATES = {GruLayer.RESET, GruLayer.UPDATE, GruLayer.CANDIDATE};

        /** Per gate, in the order of {@link #GATES}. */
        private final float[][][] inputWeights = new float[3][][];
        private final float[][][] recurrentWeights = new float[3][][];
        private final float[][] biases = new float[3][];

        Gru(org.deeplearning4j.nn.api.Layer layer, int width, boolean lastStepOnly) {
            super(width, lastStepOnly);
            for (int g = 0; g < 3; g++) {
                inputWeights[g] = rows(layer, GruLayer.INPUT_WEIGHTS + GATES[g]);
                recurrentWeights[g] = rows(layer, GruLayer.RECURRENT_WEIGHTS + GATES[g]);
                biases[g] = vector(layer, GruLayer.BIAS + GATES[g]);
            }
        }

        /** Reset, update, candidate and the candidate's recurrent product. */
        @Override
        float[][] workspace() {
            return new float[][] {new float[width], new float[width], new float[width], new float[width]};
        }

        @Override
        void step(float[] input, int t, float[] state, float[][] work) {
            int n = width;
            float[] reset = work[0];
            float[] update = work[1];
            float[] candidate = work[2];
            float[] candidateRecurrent = work[3];
            project(reset, biases[0], input, t, inputWeights[0]);
            project(update, biases[1], input, t, inputWeights[1]);
            project(candidate, biases[2], input, t, inputWeights[2]);
            java.util.Arrays.fill(candidateRecurrent, 0f);
            addProduct(reset, state, 0, recurrentWeights[0]);
            addProduct(update, state, 0, recurrentWeights[1]);
            addProduct(candidateRecurrent, state, 0, recurrentWeights[2]);
            sigmoid(reset, 0, n);
            sigmoid(update, 0, n);
            for (int j = 0; j < n; j++) {
                candidate[j] += reset[j] * candidateRecurrent[j];
            }
            tanh(candidate, 0, n);
            for (int j = 0; j < n; j++) {
                state[j] = candidate[j] + update[j] * (state[j] - candidate[j]);   // h' = u h + (1 − u) c
            }
        }
    }

    /** The linear output layer: {@code y = x W + b}. */
    private record Dense(float[][] weights, float[] bias, int width) implements Stage {

        @Override
        public int steps(int inputSteps) {
            return 1;
        }

        @Override
        public float[] apply(float[] input, int steps) {
            float[] out = bias.clone();
            addProduct(out, input, 0, weights);
            return out;
        }
    }
}
