package dev.tsforge.model.internal.layers;

import static dev.tsforge.model.internal.layers.TimeMajor.block3;
import static dev.tsforge.model.internal.layers.TimeMajor.block;
import static dev.tsforge.model.internal.layers.TimeMajor.matmul;
import static dev.tsforge.model.internal.layers.TrainingBuffers.slices;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMActivations;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
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
 * <p>The step loop is short because what does not depend on the previous step is done for all steps at once: the
 * input projection before the forward loop, the gate derivatives before the backward loop, and the weight gradients
 * after it; and it makes no views, which cost ND4J about as much as an op: they are made once per shape. Arrays are
 * time-major ({@code [steps, batch, …]}).
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
        private final INDArray[] inputGate;
        private final INDArray[] forgetGate;
        private final INDArray[] blockInput;
        private final INDArray[] outputGate;
        private final INDArray cells;
        private final INDArray[] cell;
        private final INDArray outputs;
        private final INDArray[] output;
        private final INDArray sequence;
        private final INDArray previousCells;
        private final INDArray previousOutputs;
        private final INDArray cellOutputs;
        private final INDArray[] cellOutput;
        private final INDArray scratch;
        private final INDArray factors;
        private final INDArray[] firstThreeFactors;
        private final INDArray[] outputFactor;
        private final INDArray cellSlopes;
        private final INDArray[] cellSlope;
        private final INDArray errors;
        private final INDArray[] stepErrors;
        private final INDArray[] firstThreeErrors;
        private final INDArray[] outputGateError;
        private final INDArray outputErrors;
        private final INDArray[] outputError;
        private final INDArray[] cellError;
        private final INDArray[] broadcastCellError;

        Buffers(DataType type, long batch, int steps, long nIn, long n) {
            super(type, batch, steps, nIn, n, 4);
            gate = slices(gates);
            inputForget = new INDArray[steps];
            inputGate = new INDArray[steps];
            forgetGate = new INDArray[steps];
            blockInput = new INDArray[steps];
            outputGate = new INDArray[steps];
            for (int t = 0; t < steps; t++) {
                inputForget[t] = block(gate[t], 0, 2, n);
                inputGate[t] = block(gate[t], 0, 1, n);
                forgetGate[t] = block(gate[t], 1, 1, n);
                blockInput[t] = block(gate[t], 2, 1, n);
                outputGate[t] = block(gate[t], 3, 1, n);
            }
            cells = own(Nd4j.zeros(type, steps + 1, batch, n));
            cell = slices(cells);
            outputs = own(Nd4j.zeros(type, steps + 1, batch, n));
            output = slices(outputs);
            sequence = outputs.get(NDArrayIndex.interval(1, steps + 1), NDArrayIndex.all(), NDArrayIndex.all())
                    .permute(1, 2, 0);
            previousCells = cells.get(NDArrayIndex.interval(0, steps), NDArrayIndex.all(), NDArrayIndex.all());
            previousOutputs = outputs.get(NDArrayIndex.interval(0, steps), NDArrayIndex.all(), NDArrayIndex.all())
                    .reshape('c', steps * batch, n);
            cellOutputs = own(Nd4j.createUninitialized(type, new long[] {steps, batch, n}, 'c'));
            cellOutput = slices(cellOutputs);
            scratch = own(Nd4j.createUninitialized(type, new long[] {batch, n}, 'c'));
            factors = own(Nd4j.createUninitialized(type, new long[] {steps, batch, 4 * n}, 'c'));
            INDArray[] stepFactors = slices(factors.reshape('c', steps, batch, 4, n));
            firstThreeFactors = firstThree(stepFactors);
            outputFactor = lastGate(stepFactors);
            cellSlopes = own(Nd4j.createUninitialized(type, new long[] {steps, batch, n}, 'c'));
            cellSlope = slices(cellSlopes);
            errors = own(Nd4j.createUninitialized(type, new long[] {steps * batch, 4 * n}, 'c'));
            stepErrors = slices(errors.reshape('c', steps, batch, 4 * n));
            INDArray[] gateErrors = slices(errors.reshape('c', steps, batch, 4, n));
            firstThreeErrors = firstThree(gateErrors);
            outputGateError = lastGate(gateErrors);
            outputErrors = own(Nd4j.createUninitialized(type, new long[] {steps, batch, n}, 'c'));
            outputError = slices(outputErrors);
            cellError = slices(own(Nd4j.createUninitialized(type, new long[] {steps, batch, n}, 'c')));
            broadcastCellError = new INDArray[steps];
            for (int t = 0; t < steps; t++) {
                broadcastCellError[t] = cellError[t].reshape(batch, 1, n);
            }
        }

        /** For input {@code x [batch, nIn, steps]} and recurrent weights {@code [n, 4n]}. */
        static Buffers of(INDArray x, INDArray wr) {
            return new Buffers(wr.dataType(), x.size(0), (int) x.size(2), x.size(1), wr.size(0));
        }

        /** i, f and g of gate-major {@code [batch, 4, n]} steps. */
        private static INDArray[] firstThree(INDArray[] gateMajor) {
            INDArray[] views = new INDArray[gateMajor.length];
            for (int t = 0; t < views.length; t++) {
                views[t] = gateMajor[t].get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all());
            }
            return views;
        }

        /** o of gate-major {@code [batch, 4, n]} steps. */
        private static INDArray[] lastGate(INDArray[] gateMajor) {
            INDArray[] views = new INDArray[gateMajor.length];
            for (int t = 0; t < views.length; t++) {
                views[t] = gateMajor[t].get(NDArrayIndex.all(), NDArrayIndex.point(3), NDArrayIndex.all());
            }
            return views;
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
            Nd4j.exec(new MulOp(buffers.inputGate[t], buffers.blockInput[t], c[t + 1]));   // c = i g (+ f c(t-1))
            if (t > 0) {
                Nd4j.exec(new MulOp(buffers.forgetGate[t], c[t], buffers.scratch));
                c[t + 1].addi(buffers.scratch);
            }
            activate(c[t + 1], buffers.cellOutput[t], cell);
            Nd4j.exec(new MulOp(buffers.outputGate[t], buffers.cellOutput[t], h[t + 1]));  // h = o act(c)
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
        long n = buffers.n;
        INDArray gates = buffers.gates;
        INDArray i = block3(gates, 0, n);
        INDArray f = block3(gates, 1, n);
        INDArray g = block3(gates, 2, n);
        INDArray o = block3(gates, 3, n);
        // d(pre-activation)/d(cell error) for i, f, g and d(pre-activation)/d(output error) for o, gate-major
        // [steps, batch, 4, n] like the errors, and d(cell)/d(output error): independent of the step order
        INDArray factors = buffers.factors;
        block3(factors, 0, n).assign(sigmoidSlope(i).muli(g));
        block3(factors, 1, n).assign(sigmoidSlope(f).muli(buffers.previousCells));
        block3(factors, 2, n).assign(slope(g, cell).muli(i));
        block3(factors, 3, n).assign(sigmoidSlope(o).muli(buffers.cellOutputs));
        buffers.cellSlopes.assign(slope(buffers.cellOutputs, cell).muli(o));

        INDArray[] outputError = buffers.outputError;
        INDArray[] cellError = buffers.cellError;
        if (lastStepOnly) {
            outputError[steps - 1].assign(epsilon);
        } else {
            buffers.outputErrors.assign(epsilon.permute(2, 0, 1));
        }
        for (int t = steps - 1; t >= 0; t--) {
            if (t < steps - 1) {                                          // h(t) feeds step t + 1 through RW
                matmul(buffers.stepErrors[t + 1], wr, outputError[t], false, true, lastStepOnly ? 0 : 1);
            }
            Nd4j.exec(new MulOp(outputError[t], buffers.cellSlope[t], cellError[t]));
            if (t < steps - 1) {                                          // c(t) feeds c(t + 1) through f
                Nd4j.exec(new MulOp(cellError[t + 1], buffers.forgetGate[t + 1], buffers.scratch));
                cellError[t].addi(buffers.scratch);
            }
            // i, f and g at once: the cell error broadcast over the three gates
            Nd4j.exec(new MulOp(buffers.firstThreeFactors[t], buffers.broadcastCellError[t],
                    buffers.firstThreeErrors[t]));
            Nd4j.exec(new MulOp(buffers.outputFactor[t], outputError[t], buffers.outputGateError[t]));
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

    /** σ' from σ: {@code s (1 - s)}, a new array. */
    private static INDArray sigmoidSlope(INDArray s) {
        return s.rsub(1).muli(s);
    }

    /** The activation's derivative from its output: tanh {@code 1 - y²}, ReLU {@code y > 0}; a new array. */
    private static INDArray slope(INDArray y, LSTMActivations cell) {
        return switch (cell) {
            case TANH -> y.mul(y).rsubi(1);
            case RELU -> y.gt(0).castTo(y.dataType());
            default -> throw new IllegalArgumentException("Cell activation " + cell + " is not supported");
        };
    }
}
