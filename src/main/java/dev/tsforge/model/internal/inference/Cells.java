package dev.tsforge.model.internal.inference;

import static dev.tsforge.model.internal.inference.VectorMath.activate;
import static dev.tsforge.model.internal.inference.VectorMath.addProduct;
import static dev.tsforge.model.internal.inference.VectorMath.addProductBlock;
import static dev.tsforge.model.internal.inference.VectorMath.project;
import static dev.tsforge.model.internal.inference.VectorMath.projectBlock;
import static dev.tsforge.model.internal.inference.VectorMath.scaledTanh;
import static dev.tsforge.model.internal.inference.VectorMath.sigmoid;
import static dev.tsforge.model.internal.inference.VectorMath.tanh;

import dev.tsforge.model.internal.layers.FusedLstmLayer;
import dev.tsforge.model.internal.layers.GruLayer;
import java.util.Arrays;

/**
 * The recurrent cells {@link JavaForward} runs: each step's matrix products, then its gates per window. A block step
 * does the products of all the block's windows together ({@link VectorMath#addProductBlock}) and then the same gates,
 * so a window computes the same values alone or in a block.
 */
final class Cells {

    private Cells() {
    }

    /** The LSTM of {@link FusedLstmLayer}: gate order {@code [i, f, g, o]}, no peepholes. */
    static final class Lstm extends JavaLayers.WeightedRecurrent {

        /**
         * Per gate pre-activation, {@code a} and {@code b} of {@code b + a tanh(a z)}: ½ and ½ for the sigmoid gates
         * {@code i, f, o} (the sigmoid's own form), 1 and 0 for the tanh gate {@code g}; null with ReLU.
         */
        private final float[] gateScale;
        private final float[] gateShift;

        Lstm(float[][] inputWeights, float[][] recurrentWeights, float[] bias, int width, boolean relu,
                boolean lastStepOnly) {
            super(inputWeights, recurrentWeights, bias, width, relu, lastStepOnly);
            gateScale = relu ? null : new float[4 * width];
            gateShift = relu ? null : new float[4 * width];
            if (!relu) {
                Arrays.fill(gateScale, 0.5f);
                Arrays.fill(gateShift, 0.5f);
                Arrays.fill(gateScale, 2 * width, 3 * width, 1f);
                Arrays.fill(gateShift, 2 * width, 3 * width, 0f);
            }
        }

        /** Gate pre-activations {@code z}, the cell state and the activated cell state. */
        @Override
        float[][] workspace() {
            return new float[][] {new float[4 * width], new float[width], new float[width]};
        }

        @Override
        void step(float[] input, int t, float[] output, float[][] work) {
            project(work[0], bias, input, t, inputWeights);
            addProduct(work[0], output, 0, recurrentWeights);
            gates(output, work);
        }

        @Override
        void stepBlock(float[][] inputs, int t, float[][] states, float[][][] works) {
            float[][] z = work(works, 0);
            projectBlock(z, bias, inputs, t, inputWeights);
            addProductBlock(z, states, 0, recurrentWeights);
            for (int b = 0; b < states.length; b++) {
                gates(states[b], works[b]);
            }
        }

        private void gates(float[] output, float[][] work) {
            int n = width;
            float[] z = work[0];
            float[] cell = work[1];
            float[] cellOutput = work[2];
            if (relu) {
                sigmoid(z, 0, 2 * n);
                activate(z, 2 * n, 3 * n, true);
                sigmoid(z, 3 * n, 4 * n);
            } else {
                // one loop over the four gates: the JIT vectorises a long loop better than four short ones
                scaledTanh(z, gateScale, gateShift);
            }
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
    static final class Simple extends JavaLayers.WeightedRecurrent {

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

        @Override
        void stepBlock(float[][] inputs, int t, float[][] states, float[][][] works) {
            float[][] z = work(works, 0);
            projectBlock(z, bias, inputs, t, inputWeights);
            addProductBlock(z, states, 0, recurrentWeights);
            for (int b = 0; b < states.length; b++) {
                activate(z[b], 0, width, relu);
                System.arraycopy(z[b], 0, states[b], 0, width);
            }
        }
    }

    /** {@link GruLayer}: the reset gate applied after the recurrent product. */
    static final class Gru extends JavaLayers.Recurrent {

        /**
         * The reset and update gates side by side, {@code [r, u]}, as the LSTM's four: one product and one sigmoid
         * loop over both, each column computed as it would be alone.
         */
        private final float[][] gateInputWeights;
        private final float[][] gateRecurrentWeights;
        private final float[] gateBias;
        private final float[][] candidateInputWeights;
        private final float[][] candidateRecurrentWeights;
        private final float[] candidateBias;

        Gru(org.deeplearning4j.nn.api.Layer layer, int width, boolean lastStepOnly) {
            super(width, lastStepOnly);
            gateInputWeights = beside(JavaLayers.rows(layer, GruLayer.INPUT_WEIGHTS + GruLayer.RESET),
                    JavaLayers.rows(layer, GruLayer.INPUT_WEIGHTS + GruLayer.UPDATE));
            gateRecurrentWeights = beside(JavaLayers.rows(layer, GruLayer.RECURRENT_WEIGHTS + GruLayer.RESET),
                    JavaLayers.rows(layer, GruLayer.RECURRENT_WEIGHTS + GruLayer.UPDATE));
            gateBias = beside(new float[][] {JavaLayers.vector(layer, GruLayer.BIAS + GruLayer.RESET)},
                    new float[][] {JavaLayers.vector(layer, GruLayer.BIAS + GruLayer.UPDATE)})[0];
            candidateInputWeights = JavaLayers.rows(layer, GruLayer.INPUT_WEIGHTS + GruLayer.CANDIDATE);
            candidateRecurrentWeights = JavaLayers.rows(layer, GruLayer.RECURRENT_WEIGHTS + GruLayer.CANDIDATE);
            candidateBias = JavaLayers.vector(layer, GruLayer.BIAS + GruLayer.CANDIDATE);
        }

        private static float[][] beside(float[][] left, float[][] right) {
            float[][] rows = new float[left.length][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = Arrays.copyOf(left[i], left[i].length + right[i].length);
                System.arraycopy(right[i], 0, rows[i], left[i].length, right[i].length);
            }
            return rows;
        }

        /** Reset and update, the candidate, and the candidate's recurrent product. */
        @Override
        float[][] workspace() {
            return new float[][] {new float[2 * width], new float[width], new float[width]};
        }

        @Override
        void step(float[] input, int t, float[] state, float[][] work) {
            project(work[0], gateBias, input, t, gateInputWeights);
            project(work[1], candidateBias, input, t, candidateInputWeights);
            Arrays.fill(work[2], 0f);
            addProduct(work[0], state, 0, gateRecurrentWeights);
            addProduct(work[2], state, 0, candidateRecurrentWeights);
            gates(state, work);
        }

        @Override
        void stepBlock(float[][] inputs, int t, float[][] states, float[][][] works) {
            float[][] resetUpdate = work(works, 0);
            float[][] candidate = work(works, 1);
            float[][] candidateRecurrent = work(works, 2);
            projectBlock(resetUpdate, gateBias, inputs, t, gateInputWeights);
            projectBlock(candidate, candidateBias, inputs, t, candidateInputWeights);
            for (float[] products : candidateRecurrent) {
                Arrays.fill(products, 0f);
            }
            addProductBlock(resetUpdate, states, 0, gateRecurrentWeights);
            addProductBlock(candidateRecurrent, states, 0, candidateRecurrentWeights);
            for (int b = 0; b < states.length; b++) {
                gates(states[b], works[b]);
            }
        }

        private void gates(float[] state, float[][] work) {
            int n = width;
            float[] resetUpdate = work[0];
            float[] candidate = work[1];
            float[] candidateRecurrent = work[2];
            sigmoid(resetUpdate, 0, 2 * n);
            for (int j = 0; j < n; j++) {
                candidate[j] += resetUpdate[j] * candidateRecurrent[j];
            }
            tanh(candidate, 0, n);
            for (int j = 0; j < n; j++) {
                state[j] = candidate[j] + resetUpdate[n + j] * (state[j] - candidate[j]);   // h' = u h + (1 − u) c
            }
        }
    }
}
