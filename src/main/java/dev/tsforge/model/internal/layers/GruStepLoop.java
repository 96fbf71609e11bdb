package dev.tsforge.model.internal.layers;

import static dev.tsforge.model.internal.layers.TimeMajor.block3;
import static dev.tsforge.model.internal.layers.TimeMajor.block;
import static dev.tsforge.model.internal.layers.TimeMajor.matmul;
import static dev.tsforge.model.internal.layers.TrainingBuffers.slices;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The GRU of {@link GruLayer} ({@code r = σ(x W_r + h U_r + b_r)}, {@code u = σ(x W_u + h U_u + b_u)},
 * {@code c = tanh(x W_c + r ⊙ (h U_c) + b_c)}, {@code h' = c + u ⊙ (h − c)}, zero initial state) in plain ND4J ops,
 * forward and backward, as {@link LstmStepLoop} does for the LSTM. Why: the layer's SameDiff graph, unrolled over time
 * steps, runs about twenty ops per step each way, and at these sizes each op costs more in overhead than in
 * arithmetic. Here the step loop holds one matrix product and a few element-wise ops on views made once per shape
 * ({@link Buffers}); the input projection, the gate derivatives and the weight gradients are done for all steps at
 * once.
 *
 * <p>Weights are taken as blocks {@code [reset | update | candidate]}: {@code W [nIn, 3n]}, {@code U [n, 3n]},
 * {@code b [1, 3n]}. Arrays are time-major ({@code [steps, batch, …]}).
 */
final class GruStepLoop {

    private GruStepLoop() {
    }

    /**
     * The arrays of both passes for one shape, with their per-step views. The forward pass leaves here what the
     * backward pass needs: the input {@code [steps × batch, nIn]}, the activated gates {@code [steps, batch, 3n]}
     * ({@code r, u, c}), the recurrent products {@code h U} {@code [steps, batch, 3n]} (zero at step 0), and the
     * states {@code [steps + 1, batch, n]} with the zero initial state at index 0.
     */
    static final class Buffers extends StepLoopArrays {

        private final INDArray[] resetUpdate;
        private final INDArray[] reset;
        private final INDArray[] update;
        private final INDArray[] candidate;
        private final INDArray recurrent;
        private final INDArray[] recurrentStep;
        private final INDArray[] recurrentResetUpdate;
        private final INDArray[] candidateRecurrent;
        private final INDArray states;
        private final INDArray[] state;
        private final INDArray sequence;
        private final INDArray previous;
        private final INDArray flatPrevious;
        private final INDArray scratch;
        private final INDArray inputFactors;
        private final INDArray recurrentFactors;
        private final INDArray[] stepInputFactors;
        private final INDArray[] stepRecurrentFactors;
        private final INDArray inputErrors;
        private final INDArray recurrentErrors;
        private final INDArray[] stepInputErrors;
        private final INDArray[] stepRecurrentErrors;
        private final INDArray[] flatRecurrentErrors;
        private final INDArray stateErrors;
        private final INDArray[] stateError;
        private final INDArray[] broadcastError;

        Buffers(DataType type, long batch, int steps, long nIn, long n) {
            super(type, batch, steps, nIn, n, 3);
            INDArray[] z = slices(gates);
            resetUpdate = blocks(z, 0, 2, n);
            reset = blocks(z, 0, 1, n);
            update = blocks(z, 1, 1, n);
            candidate = blocks(z, 2, 1, n);
            recurrent = own(Nd4j.zeros(type, steps, batch, 3 * n));
            recurrentStep = slices(recurrent);
            recurrentResetUpdate = blocks(recurrentStep, 0, 2, n);
            candidateRecurrent = blocks(recurrentStep, 2, 1, n);
            states = own(Nd4j.zeros(type, steps + 1, batch, n));
            state = slices(states);
            sequence = states.get(NDArrayIndex.interval(1, steps + 1), NDArrayIndex.all(), NDArrayIndex.all())
                    .permute(1, 2, 0);
            previous = states.get(NDArrayIndex.interval(0, steps), NDArrayIndex.all(), NDArrayIndex.all());
            flatPrevious = previous.reshape('c', steps * batch, n);
            scratch = own(Nd4j.createUninitialized(type, new long[] {batch, n}, 'c'));
            inputFactors = own(Nd4j.createUninitialized(type, new long[] {steps, batch, 3 * n}, 'c'));
            recurrentFactors = own(Nd4j.createUninitialized(type, new long[] {steps, batch, 3 * n}, 'c'));
            stepInputFactors = slices(inputFactors.reshape('c', steps, batch, 3, n));
            stepRecurrentFactors = slices(recurrentFactors.reshape('c', steps, batch, 3, n));
            inputErrors = own(Nd4j.createUninitialized(type, new long[] {steps * batch, 3 * n}, 'c'));
            recurrentErrors = own(Nd4j.createUninitialized(type, new long[] {steps * batch, 3 * n}, 'c'));
            stepInputErrors = slices(inputErrors.reshape('c', steps, batch, 3, n));
            stepRecurrentErrors = slices(recurrentErrors.reshape('c', steps, batch, 3, n));
            flatRecurrentErrors = slices(recurrentErrors.reshape('c', steps, batch, 3 * n));
            stateErrors = own(Nd4j.createUninitialized(type, new long[] {steps, batch, n}, 'c'));
            stateError = slices(stateErrors);
            broadcastError = new INDArray[steps];
            for (int t = 0; t < steps; t++) {
                broadcastError[t] = stateError[t].reshape(batch, 1, n);
            }
        }

        /** For input {@code x [batch, nIn, steps]} and recurrent weights {@code U [n, 3n]}. */
        static Buffers of(INDArray x, INDArray u) {
            return new Buffers(u.dataType(), x.size(0), (int) x.size(2), x.size(1), u.size(0));
        }

        private static INDArray[] blocks(INDArray[] steps, int from, int count, long n) {
            INDArray[] blocks = new INDArray[steps.length];
            for (int t = 0; t < steps.length; t++) {
                blocks[t] = block(steps[t], from, count, n);
            }
            return blocks;
        }

        /** The states, {@code [steps + 1, batch, n]}. */
        INDArray states() {
            return states;
        }

        INDArray lastOutput() {
            return state[steps];
        }

        /** All outputs in DL4J's recurrent layout {@code [batch, n, steps]} (a view). */
        INDArray sequence() {
            return sequence;
        }
    }

    /** @param x DL4J's recurrent layout {@code [batch, nIn, steps]}, of the buffers' shape */
    static Buffers forward(Buffers buffers, INDArray x, INDArray w, INDArray u, INDArray b) {
        buffers.project(x, w, b);
        INDArray[] h = buffers.state;
        for (int t = 0; t < buffers.steps; t++) {
            INDArray candidate = buffers.candidate[t];
            if (t > 0) {                                                   // h(-1) = 0: no recurrent product
                matmul(h[t], u, buffers.recurrentStep[t], false, false, 0);
                buffers.resetUpdate[t].addi(buffers.recurrentResetUpdate[t]);
            }
            Nd4j.exec(new Sigmoid(buffers.resetUpdate[t], buffers.resetUpdate[t]));
            if (t > 0) {
                Nd4j.exec(new MulOp(buffers.reset[t], buffers.candidateRecurrent[t], buffers.scratch));
                candidate.addi(buffers.scratch);                                       // + r ⊙ (h U_c)
            }
            Nd4j.exec(new Tanh(candidate, candidate));
            Nd4j.exec(new SubOp(h[t], candidate, h[t + 1]));
            h[t + 1].muli(buffers.update[t]).addi(candidate);                         // h' = c + u (h − c)
        }
        return buffers;
    }

    /**
     * @param buffers what {@link #forward} left
     * @param epsilon the error from above: {@code [batch, n]} for the last step only, or {@code [batch, n, steps]}
     */
    static StepLoopArrays.Gradients backward(Buffers buffers, INDArray epsilon, boolean lastStepOnly, INDArray w,
            INDArray u) {
        int steps = buffers.steps;
        long n = buffers.n;
        INDArray gates = buffers.gates;
        INDArray r = block3(gates, 0, n);
        INDArray update = block3(gates, 1, n);
        INDArray c = block3(gates, 2, n);
        // with e the error of h': d a_c = e (1 − u)(1 − c²), d a_u = e (h − c) u (1 − u),
        // d a_r = d a_c (h U_c) r (1 − r), d (h U_c) = d a_c r: every factor of e is known before the loop
        INDArray candidateFactor = update.rsub(1).muli(c.mul(c).rsubi(1));
        INDArray candidateRecurrent = block3(buffers.recurrent, 2, n);
        block3(buffers.inputFactors, 0, n).assign(candidateFactor.mul(candidateRecurrent).muli(r.rsub(1).muli(r)));
        block3(buffers.inputFactors, 1, n).assign(buffers.previous.sub(c).muli(update.rsub(1).muli(update)));
        block3(buffers.inputFactors, 2, n).assign(candidateFactor);
        buffers.recurrentFactors.assign(buffers.inputFactors);
        block3(buffers.recurrentFactors, 2, n).assign(candidateFactor.muli(r));

        // errors of the pre-activations ([r, u, c] as the input projection sees them), of h U, and of the states
        INDArray[] error = buffers.stateError;
        if (lastStepOnly) {
            error[steps - 1].assign(epsilon);
        } else {
            buffers.stateErrors.assign(epsilon.permute(2, 0, 1));
        }
        for (int t = steps - 1; t >= 0; t--) {
            INDArray broadcast = buffers.broadcastError[t];
            Nd4j.exec(new MulOp(buffers.stepInputFactors[t], broadcast, buffers.stepInputErrors[t]));
            Nd4j.exec(new MulOp(buffers.stepRecurrentFactors[t], broadcast, buffers.stepRecurrentErrors[t]));
            if (t == 0) {
                break;
            }
            // the error of h(t-1): from above, directly through u ⊙ h, and through h U into all three gates
            if (lastStepOnly) {
                Nd4j.exec(new MulOp(error[t], buffers.update[t], error[t - 1]));
            } else {
                Nd4j.exec(new MulOp(error[t], buffers.update[t], buffers.scratch));
                error[t - 1].addi(buffers.scratch);
            }
            matmul(buffers.flatRecurrentErrors[t], u, error[t - 1], false, true, 1);
        }
        return buffers.gradients(buffers.inputErrors, buffers.recurrentErrors, buffers.flatPrevious, w);
    }
}
