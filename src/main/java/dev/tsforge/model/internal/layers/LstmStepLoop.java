package dev.tsforge.model.internal.layers;

import static dev.tsforge.model.internal.layers.TimeMajor.block;
import static dev.tsforge.model.internal.layers.TimeMajor.matmul;
import static dev.tsforge.model.internal.layers.TrainingBuffers.slices;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMActivations;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The LSTM of {@link FusedLstmLayer} (gate order {@code [i, f, g, o]}, no peepholes, zero initial state) in plain
 * ND4J ops, forward and backward. Why not ND4J's own {@code lstmLayer_bp}: in 1.0.0-M2.1 it never frees its internal
 * arrays (the gates and states of every step), so native memory grows with every minibatch until the process is
 * killed; {@code lstmLayer} itself keeps a little per call (bench/RESULTS.md, "Native memory while training"). Every
 * array here is an ordinary ND4J array of the {@link Buffers}, which training keeps for the next minibatch and frees
 * at its end ({@link TrainingBuffers}).
 *
 * <p>The step loop is short because what does not depend on the previous step is done for all steps at once (the
 * input projection before the forward loop, the weight gradients after the backward one), and because the
 * element-wise arithmetic of a step (the cell state, the output, the errors of all four gates) is one pass in Java
 * over the arrays' memory ({@link HostArray}) rather than an ND4J op per product: ND4J keeps the products and the
 * activation functions. It makes no views, which cost ND4J about as much as an op: they are made once per shape.
 * Arrays are time-major ({@code [steps, batch, …]}).
 */
final class LstmStepLoop {

    private LstmStepLoop() {
    }

    /**
     * The arrays of both passes for one shape, with their per-step views. The forward pass leaves here what the
     * backward pass needs: the input as {@code [steps × batch, nIn]}, the activated gates {@code [steps, batch, 4n]},
     * the cell states and outputs {@code [steps + 1, batch, n]} with the zero initial state at index 0, and the
     * activated cell states {@code [steps, batch, n]}.
     */
    static final class Buffers extends StepLoopArrays {

        private final INDArray[] gate;
        private final INDArray[] inputForget;
        private final INDArray[] blockInput;
        private final INDArray[] outputGate;
        private final INDArray cells;
        private final INDArray[] cell;
        private final INDArray outputs;
        private final INDArray[] output;
        private final INDArray sequence;
        private final INDArray previousOutputs;
        private final INDArray cellOutputs;
        private final INDArray[] cellOutput;
        private final INDArray errors;
        private final INDArray[] stepErrors;
        private final INDArray outputErrors;
        private final INDArray[] outputError;
        private final HostArray hostCells;
        private final HostArray hostOutputs;
        private final HostArray hostCellOutputs;
        private final HostArray hostErrors;
        private final HostArray hostOutputErrors;
        private final HostArray hostCellErrors;

        Buffers(DataType type, long batch, int steps, long nIn, long n) {
            super(type, batch, steps, nIn, n, 4);
            gate = slices(gates);
            inputForget = new INDArray[steps];
            blockInput = new INDArray[steps];
            outputGate = new INDArray[steps];
            for (int t = 0; t < steps; t++) {
                inputForget[t] = block(gate[t], 0, 2, n);
                blockInput[t] = block(gate[t], 2, 1, n);
                outputGate[t] = block(gate[t], 3, 1, n);
            }
            cells = own(Nd4j.zeros(type, steps + 1, batch, n));
            cell = slices(cells);
            outputs = own(Nd4j.zeros(type, steps + 1, batch, n));
            output = slices(outputs);
            sequence = outputs.get(NDArrayIndex.interval(1, steps + 1), NDArrayIndex.all(), NDArrayIndex.all())
                    .permute(1, 2, 0);
            previousOutputs = outputs.get(NDArrayIndex.interval(0, steps), NDArrayIndex.all(), NDArrayIndex.all())
                    .reshape('c', steps * batch, n);
            cellOutputs = own(Nd4j.createUninitialized(type, new long[] {steps, batch, n}, 'c'));
            cellOutput = slices(cellOutputs);
            errors = own(Nd4j.createUninitialized(type, new long[] {steps * batch, 4 * n}, 'c'));
            stepErrors = slices(errors.reshape('c', steps, batch, 4 * n));
            outputErrors = own(Nd4j.createUninitialized(type, new long[] {steps, batch, n}, 'c'));
            outputError = slices(outputErrors);
            hostCells = HostArray.of(cells);
            hostOutputs = HostArray.of(outputs);
            hostCellOutputs = HostArray.of(cellOutputs);
            hostErrors = HostArray.of(errors);
            hostOutputErrors = HostArray.of(outputErrors);
            hostCellErrors = HostArray.of(own(Nd4j.createUninitialized(type, new long[] {steps, batch, n}, 'c')));
        }

        /** For input {@code x [batch, nIn, steps]} and recurrent weights {@code [n, 4n]}. */
        static Buffers of(INDArray x, INDArray wr) {
            return new Buffers(wr.dataType(), x.size(0), (int) x.size(2), x.size(1), wr.size(0));
        }

        /** Step {@code t}'s cell state from its activated gates: {@code c = i g + f c(t-1)}. */
        void cellState(int t) {
            int width = (int) (4 * n);
            int units = (int) n;
            for (int row = 0; row < batch; row++) {
                int gate = (int) ((t * batch + row) * width);
                int previous = (int) ((t * batch + row) * n);
                int cell = (int) (((t + 1) * batch + row) * n);
                for (int j = 0; j < units; j++) {
                    hostCells.set(cell + j, hostGates.get(gate + j) * hostGates.get(gate + 2 * units + j)
                            + hostGates.get(gate + units + j) * hostCells.get(previous + j));
                }
            }
        }

        /** Step {@code t}'s output from its activated cell state: {@code h = o act(c)}. */
        void outputState(int t) {
            int width = (int) (4 * n);
            int units = (int) n;
            for (int row = 0; row < batch; row++) {
                int gate = (int) ((t * batch + row) * width) + 3 * units;
                int step = (int) ((t * batch + row) * n);
                int output = (int) (((t + 1) * batch + row) * n);
                for (int j = 0; j < units; j++) {
                    hostOutputs.set(output + j, hostGates.get(gate + j) * hostCellOutputs.get(step + j));
                }
            }
        }

        /**
         * The errors of step {@code t}'s pre-activations (gate-major, into {@link #errors}) from the error of its
         * output, completed before: the cell's error is the output's through {@code o act'(c)} plus the next cell's
         * through its forget gate.
         */
        void gateErrors(int t, LSTMActivations cell) {
            int width = (int) (4 * n);
            int units = (int) n;
            boolean relu = cell == LSTMActivations.RELU;
            for (int row = 0; row < batch; row++) {
                int gate = (int) ((t * batch + row) * width);
                int step = (int) ((t * batch + row) * n);
                int nextGate = gate + (int) (batch * width);
                int nextStep = step + (int) (batch * n);
                for (int j = 0; j < units; j++) {
                    double i = hostGates.get(gate + j);
                    double f = hostGates.get(gate + units + j);
                    double g = hostGates.get(gate + 2 * units + j);
                    double o = hostGates.get(gate + 3 * units + j);
                    double y = hostCellOutputs.get(step + j);
                    double outputError = hostOutputErrors.get(step + j);
                    double cellError = outputError * (slope(y, relu) * o);
                    if (t < steps - 1) {
                        cellError += hostCellErrors.get(nextStep + j) * hostGates.get(nextGate + units + j);
                    }
                    hostCellErrors.set(step + j, cellError);
                    hostErrors.set(gate + j, (1 - i) * i * g * cellError);
                    hostErrors.set(gate + units + j, (1 - f) * f * hostCells.get(step + j) * cellError);
                    hostErrors.set(gate + 2 * units + j, slope(g, relu) * i * cellError);
                    hostErrors.set(gate + 3 * units + j, (1 - o) * o * y * outputError);
                }
            }
        }

        /** The activation's derivative from its output: tanh {@code 1 - y²}, ReLU {@code y > 0}. */
        private static double slope(double y, boolean relu) {
            return relu ? (y > 0 ? 1 : 0) : 1 - y * y;
        }

        /** The outputs, {@code [steps + 1, batch, n]}. */
        INDArray outputs() {
            return outputs;
        }

        /** The output of the last step, {@code [batch, n]}. */
        INDArray lastOutput() {
            return output[steps];
        }

        /** All outputs in DL4J's recurrent layout {@code [batch, n, steps]} (a view). */
        INDArray sequence() {
            return sequence;
        }
    }

    /** @param x DL4J's recurrent layout {@code [batch, nIn, steps]}, of the buffers' shape */
    static Buffers forward(Buffers buffers, INDArray x, INDArray wx, INDArray wr, INDArray b, LSTMActivations cell) {
        buffers.project(x, wx, b);
        INDArray[] c = buffers.cell;
        INDArray[] h = buffers.output;
        for (int t = 0; t < buffers.steps; t++) {
            if (t > 0) {
                matmul(h[t], wr, buffers.gate[t], false, false, 1);        // z += h(t-1) RW; h(-1) = 0
            }
            Nd4j.exec(new Sigmoid(buffers.inputForget[t], buffers.inputForget[t]));
            activate(buffers.blockInput[t], buffers.blockInput[t], cell);
            Nd4j.exec(new Sigmoid(buffers.outputGate[t], buffers.outputGate[t]));
            buffers.cellState(t);
            activate(c[t + 1], buffers.cellOutput[t], cell);
            buffers.outputState(t);
        }
        return buffers;
    }

    /**
     * @param buffers what {@link #forward} left
     * @param epsilon the error from above: {@code [batch, n]} for the last step only, or {@code [batch, n, steps]}
     */
    static StepLoopArrays.Gradients backward(Buffers buffers, INDArray epsilon, boolean lastStepOnly, INDArray wx,
            INDArray wr, LSTMActivations cell) {
        int steps = buffers.steps;
        INDArray[] outputError = buffers.outputError;
        if (lastStepOnly) {
            outputError[steps - 1].assign(epsilon);
        } else {
            buffers.outputErrors.assign(epsilon.permute(2, 0, 1));
        }
        for (int t = steps - 1; t >= 0; t--) {
            if (t < steps - 1) {                                          // h(t) feeds step t + 1 through RW
                matmul(buffers.stepErrors[t + 1], wr, outputError[t], false, true, lastStepOnly ? 0 : 1);
            }
            buffers.gateErrors(t, cell);
        }
        return buffers.gradients(buffers.errors, buffers.errors, buffers.previousOutputs, wx);
    }

    private static void activate(INDArray in, INDArray out, LSTMActivations cell) {
        switch (cell) {
            case TANH -> Nd4j.exec(new Tanh(in, out));
            case RELU -> Nd4j.exec(new RectifiedLinear(in, out, 0.0));
            default -> throw new IllegalArgumentException("Cell activation " + cell + " is not supported");
        }
    }
}
