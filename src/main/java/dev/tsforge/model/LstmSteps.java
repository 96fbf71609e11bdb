package dev.tsforge.model;

import static dev.tsforge.model.TimeMajor.at;
import static dev.tsforge.model.TimeMajor.block;
import static dev.tsforge.model.TimeMajor.block3;
import static dev.tsforge.model.TimeMajor.matmul;

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
 * arrays (the gates and states of every step, ~1.9 MB a call for LSTM(64), batch 32, 24 steps), so training grew
 * native memory by gigabytes a minute; {@code lstmLayer} itself keeps ~4 KB a call. Every array here is an ordinary
 * ND4J array in the caller's workspace, released with it.
 *
 * <p>The step loop is short because what does not depend on the previous step is done for all steps at once: the
 * input projection before the forward loop, the gate derivatives before the backward loop, and the weight gradients
 * after it. Arrays are time-major ({@code [steps, batch, …]}).
 */
final class LstmSteps {

    private LstmSteps() {
    }

    /**
     * What the backward pass needs from the forward one: the input as {@code [steps × batch, nIn]}, the activated gates
     * {@code [steps, batch, 4n]}, the cell states and outputs {@code [steps + 1, batch, n]} with the zero initial state
     * at index 0, and the activated cell states {@code [steps, batch, n]}.
     */
    record States(INDArray input, INDArray gates, INDArray cells, INDArray outputs, INDArray cellOutputs) {

        long steps() {
            return gates.size(0);
        }

        /** The output of the last step, {@code [batch, n]}. */
        INDArray lastOutput() {
            return outputs.slice(steps());
        }

        /** All outputs in DL4J's recurrent layout {@code [batch, n, steps]} (a view). */
        INDArray sequence() {
            return outputs.get(NDArrayIndex.interval(1, steps() + 1), NDArrayIndex.all(), NDArrayIndex.all())
                    .permute(1, 2, 0);
        }
    }

    /** Gradients for the parameters ({@code W [nIn, 4n]}, {@code RW [n, 4n]}, {@code b [4n]}) and the input {@code [batch, nIn, steps]}. */
    record Gradients(INDArray inputWeights, INDArray recurrentWeights, INDArray bias, INDArray input) {
    }

    /** @param x DL4J's recurrent layout {@code [batch, nIn, steps]} */
    static States forward(INDArray x, INDArray wx, INDArray wr, INDArray b, LSTMActivations cell) {
        long batch = x.size(0);
        long nIn = x.size(1);
        long steps = x.size(2);
        long n = wr.size(0);
        INDArray input = x.permute(2, 0, 1).dup('c').reshape('c', steps * batch, nIn);
        INDArray projected = Nd4j.createUninitialized(x.dataType(), new long[] {steps * batch, 4 * n}, 'c');
        matmul(input, wx, projected, false, false, 0);
        projected.addiRowVector(b.reshape(1, 4 * n));
        INDArray gates = projected.reshape('c', steps, batch, 4 * n);
        INDArray cells = Nd4j.zeros(x.dataType(), steps + 1, batch, n);
        INDArray outputs = Nd4j.zeros(x.dataType(), steps + 1, batch, n);
        INDArray cellOutputs = Nd4j.createUninitialized(x.dataType(), steps, batch, n);
        // views are made once per step: each costs about as much as a small op
        for (int t = 0; t < steps; t++) {
            INDArray z = gates.slice(t);
            INDArray previousOutput = outputs.slice(t);
            if (t > 0) {
                matmul(previousOutput, wr, z, false, false, 1); // z += h(t-1) RW; h(-1) = 0
            }
            INDArray inputForget = block(z, 0, 2, n);
            INDArray blockInput = block(z, 2, 1, n);
            INDArray outputGate = block(z, 3, 1, n);
            Nd4j.exec(new Sigmoid(inputForget, inputForget));
            activate(blockInput, blockInput, cell);
            Nd4j.exec(new Sigmoid(outputGate, outputGate));
            INDArray c = cells.slice(t + 1);
            block(z, 0, 1, n).mul(blockInput, c);                           // c = i g (+ f c(t-1))
            if (t > 0) {
                c.addi(block(z, 1, 1, n).mul(cells.slice(t)));
            }
            INDArray cellOutput = cellOutputs.slice(t);
            activate(c, cellOutput, cell);
            outputGate.mul(cellOutput, outputs.slice(t + 1));               // h = o act(c)
        }
        return new States(input, gates, cells, outputs, cellOutputs);
    }

    /**
     * @param epsilon the error from above: {@code [batch, n]} for the last step only, or {@code [batch, n, steps]}
     */
    static Gradients backward(States states, INDArray epsilon, boolean lastStepOnly, INDArray wx, INDArray wr,
            LSTMActivations cell) {
        long steps = states.steps();
        long n = wr.size(0);
        INDArray gates = states.gates();
        long batch = gates.size(1);
        INDArray i = block3(gates, 0, n);
        INDArray f = block3(gates, 1, n);
        INDArray g = block3(gates, 2, n);
        INDArray o = block3(gates, 3, n);
        INDArray previousCells = states.cells().get(NDArrayIndex.interval(0, steps), NDArrayIndex.all(),
                NDArrayIndex.all());
        INDArray cellOutputs = states.cellOutputs();
        // d(pre-activation)/d(cell error) for i, f, g and d(pre-activation)/d(output error) for o, gate-major
        // [steps, batch, 4, n] like the errors, and d(cell)/d(output error): independent of the step order
        INDArray factors = Nd4j.createUninitialized(gates.dataType(), new long[] {steps, batch, 4 * n}, 'c');
        block3(factors, 0, n).assign(sigmoidSlope(i).muli(g));
        block3(factors, 1, n).assign(sigmoidSlope(f).muli(previousCells));
        block3(factors, 2, n).assign(slope(g, cell).muli(i));
        block3(factors, 3, n).assign(sigmoidSlope(o).muli(cellOutputs));
        INDArray stepFactors = factors.reshape('c', steps, batch, 4, n);
        INDArray dCell = slope(cellOutputs, cell).muli(o);

        INDArray errors = Nd4j.createUninitialized(gates.dataType(), new long[] {steps * batch, 4 * n}, 'c');
        INDArray stepErrors = errors.reshape('c', steps, batch, 4 * n);
        INDArray gateErrors = errors.reshape('c', steps, batch, 4, n);
        INDArray timeEpsilon = lastStepOnly ? null : epsilon.permute(2, 0, 1);
        INDArray cellError = null;
        for (long t = steps - 1; t >= 0; t--) {
            INDArray outputError;
            if (t == steps - 1) {
                outputError = (lastStepOnly ? epsilon : at(timeEpsilon, t)).dup('c');
            } else {
                // h(t) feeds step t + 1 through RW
                outputError = lastStepOnly ? Nd4j.createUninitialized(gates.dataType(), new long[] {batch, n}, 'c')
                        : at(timeEpsilon, t).dup('c');
                matmul(stepErrors.slice(t + 1), wr, outputError, false, true, lastStepOnly ? 0 : 1);
            }
            INDArray nextCellError = outputError.mul(dCell.slice(t));
            if (cellError != null) {
                nextCellError.addi(cellError.mul(block(gates.slice(t + 1), 1, 1, n)));
            }
            cellError = nextCellError;
            INDArray factor = stepFactors.slice(t);
            INDArray error = gateErrors.slice(t);
            // i, f and g at once: the cell error broadcast over the three gates
            Nd4j.exec(new MulOp(firstThree(factor), cellError.reshape(batch, 1, n), firstThree(error)));
            Nd4j.exec(new MulOp(gate(factor, 3), outputError, gate(error, 3)));
        }
        INDArray inputWeights = Nd4j.createUninitialized(wx.dataType(), wx.shape(), 'c');
        matmul(states.input(), errors, inputWeights, true, false, 0);
        INDArray previousOutputs = states.outputs().get(NDArrayIndex.interval(0, steps), NDArrayIndex.all(),
                NDArrayIndex.all()).reshape('c', steps * batch, n);
        INDArray recurrentWeights = Nd4j.createUninitialized(wr.dataType(), wr.shape(), 'c');
        matmul(previousOutputs, errors, recurrentWeights, true, false, 0);
        INDArray bias = errors.sum(0);
        INDArray input = Nd4j.createUninitialized(wx.dataType(), new long[] {steps * batch, wx.size(0)}, 'c');
        matmul(errors, wx, input, false, true, 0);
        return new Gradients(inputWeights, recurrentWeights, bias,
                input.reshape('c', steps, batch, wx.size(0)).permute(1, 2, 0));
    }

    private static INDArray firstThree(INDArray gateMajor) {
        return gateMajor.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all());
    }

    private static INDArray gate(INDArray gateMajor, int gate) {
        return gateMajor.get(NDArrayIndex.all(), NDArrayIndex.point(gate), NDArrayIndex.all());
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
