package dev.tsforge.model.internal.inference;

import static dev.tsforge.model.internal.inference.VectorMath.activate;
import static dev.tsforge.model.internal.inference.VectorMath.addProduct;
import static dev.tsforge.model.internal.inference.VectorMath.project;
import static dev.tsforge.model.internal.inference.VectorMath.sigmoid;
import static dev.tsforge.model.internal.inference.VectorMath.tanh;

import dev.tsforge.model.internal.layers.FusedLstmLayer;
import dev.tsforge.model.internal.layers.GruLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The layers {@link JavaForward} runs, in plain Java over copies of the trained weights: one window at a time, each
 * call with working arrays of its own (or the {@link Carry} of one roll-out), so that concurrent calls share nothing.
 */
final class JavaLayers {

    private JavaLayers() {
    }

    /** One layer over one window: {@code input} is {@code [steps][width]} flattened, step-major. */
    interface Stage {

        /** Width of one step of the output. */
        int width();

        /** Steps of the output: the input's, or 1 for a layer that keeps only the last step. */
        int steps(int inputSteps);

        float[] apply(float[] input, int steps);

        /**
         * Like {@link #apply}, but starting from {@code carry}'s state and leaving the last step's state in it, so that
         * the next call continues the sequence; a stage without state ignores it.
         */
        default float[] apply(float[] input, int steps, Carry carry) {
            return apply(input, steps);
        }

        /** A fresh state for {@link #apply(float[], int, Carry)}: zero, as at the start of a window; null if none. */
        default Carry carry() {
            return null;
        }
    }

    /** A recurrent layer's state between calls: its output ({@code h}) and its working arrays (an LSTM's cell). */
    record Carry(float[] state, float[][] work) {
    }

    /** A parameter (a matrix {@code [rows, columns]}, or a bias vector as one row) as one float array per row. */
    static float[][] rows(org.deeplearning4j.nn.api.Layer layer, String name) {
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

    static float[] vector(org.deeplearning4j.nn.api.Layer layer, String name) {
        return layer.getParam(name).dup('c').data().asFloat();
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
            return apply(input, steps, carry());
        }

        @Override
        public Carry carry() {
            return new Carry(new float[width], workspace());
        }

        @Override
        public float[] apply(float[] input, int steps, Carry carry) {
            float[][] work = carry.work();
            float[] state = carry.state();
            float[] sequence = lastStepOnly ? null : new float[steps * width];
            for (int t = 0; t < steps; t++) {
                step(input, t, state, work);
                if (sequence != null) {
                    System.arraycopy(state, 0, sequence, t * width, width);
                }
            }
            return lastStepOnly ? state.clone() : sequence;
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
    static final class Lstm extends WeightedRecurrent {

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
    static final class Simple extends WeightedRecurrent {

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
    static final class Gru extends Recurrent {

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
    record Dense(float[][] weights, float[] bias, int width) implements Stage {

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
