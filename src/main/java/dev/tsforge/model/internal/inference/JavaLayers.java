package dev.tsforge.model.internal.inference;

import static dev.tsforge.model.internal.inference.VectorMath.addProduct;
import static dev.tsforge.model.internal.inference.VectorMath.projectBlock;

import java.util.Arrays;
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

        /**
         * {@link #apply(float[], int, Carry)} for a block of windows, each with its carry: the same values, computed
         * with each weight matrix read once per few windows rather than once per window.
         */
        default float[][] applyBlock(float[][] inputs, int steps, Carry[] carries) {
            float[][] outputs = new float[inputs.length][];
            for (int b = 0; b < inputs.length; b++) {
                outputs[b] = apply(inputs[b], steps, carries[b]);
            }
            return outputs;
        }
    }

    /** A recurrent layer's state between calls: its output ({@code h}) and its working arrays (an LSTM's cell). */
    record Carry(float[] state, float[][] work) {

        /** Back to the zero state of a fresh carry, so that one carry serves window after window. */
        void clear() {
            Arrays.fill(state, 0);
            for (float[] array : work) {
                Arrays.fill(array, 0);
            }
        }
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
    abstract static class Recurrent implements Stage {

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

        /** Advances each window's state of a block by input step {@code t}, as {@link #step} does one. */
        abstract void stepBlock(float[][] inputs, int t, float[][] states, float[][][] works);

        @Override
        public float[][] applyBlock(float[][] inputs, int steps, Carry[] carries) {
            int count = inputs.length;
            float[][] states = new float[count][];
            float[][][] works = new float[count][][];
            for (int b = 0; b < count; b++) {
                states[b] = carries[b].state();
                works[b] = carries[b].work();
            }
            float[][] sequences = lastStepOnly ? null : new float[count][steps * width];
            for (int t = 0; t < steps; t++) {
                stepBlock(inputs, t, states, works);
                for (int b = 0; sequences != null && b < count; b++) {
                    System.arraycopy(states[b], 0, sequences[b], t * width, width);
                }
            }
            if (sequences != null) {
                return sequences;
            }
            float[][] outputs = new float[count][];
            for (int b = 0; b < count; b++) {
                outputs[b] = states[b].clone();
            }
            return outputs;
        }

        /** Working array {@code index} of each window of a block. */
        static float[][] work(float[][][] works, int index) {
            float[][] arrays = new float[works.length][];
            for (int b = 0; b < works.length; b++) {
                arrays[b] = works[b][index];
            }
            return arrays;
        }
    }

    /** A recurrent layer with one input matrix, one recurrent matrix and one bias (all gates side by side). */
    abstract static class WeightedRecurrent extends Recurrent {

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

        @Override
        public float[][] applyBlock(float[][] inputs, int steps, Carry[] carries) {
            float[][] outputs = new float[inputs.length][width];
            projectBlock(outputs, bias, inputs, 0, weights);
            return outputs;
        }
    }
}
