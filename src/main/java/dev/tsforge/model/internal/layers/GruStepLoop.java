package dev.tsforge.model.internal.layers;

import static dev.tsforge.model.internal.layers.TimeMajor.block;
import static dev.tsforge.model.internal.layers.TimeMajor.matmul;
import static dev.tsforge.model.internal.layers.TrainingBuffers.slices;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The GRU of {@link GruLayer} ({@code r = σ(x W_r + h U_r + b_r)}, {@code u = σ(x W_u + h U_u + b_u)},
 * {@code c = tanh(x W_c + r ⊙ (h U_c) + b_c)}, {@code h' = c + u ⊙ (h − c)}, zero initial state) in plain ND4J ops,
 * forward and backward, as {@link LstmStepLoop} does for the LSTM. Why: the layer's SameDiff graph, unrolled over time
 * steps, runs about twenty ops per step each way, and at these sizes each op costs more in overhead than in
 * arithmetic. Here a step is one matrix product and two activation ops on views made once per shape
 * ({@link Buffers}), its other element-wise arithmetic (the recurrent sums, the next state, the gates' errors) one
 * pass in Java over the arrays' memory ({@link HostArray}) each; the input projection and the weight gradients are
 * done for all steps at once.
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
        private final INDArray[] candidate;
        private final INDArray recurrent;
        private final INDArray[] recurrentStep;
        private final INDArray states;
        private final INDArray[] state;
        private final INDArray sequence;
        private final INDArray flatPrevious;
        private final INDArray inputErrors;
        private final INDArray recurrentErrors;
        private final INDArray[] flatRecurrentErrors;
        private final INDArray stateErrors;
        private final INDArray[] stateError;
        private final HostArray hostRecurrent;
        private final HostArray hostStates;
        private final HostArray hostInputErrors;
        private final HostArray hostRecurrentErrors;
        private final HostArray hostStateErrors;

        Buffers(DataType type, long batch, int steps, long nIn, long n) {
            super(type, batch, steps, nIn, n, 3);
            INDArray[] z = slices(gates);
            resetUpdate = blocks(z, 0, 2, n);
            candidate = blocks(z, 2, 1, n);
            recurrent = own(Nd4j.zeros(type, steps, batch, 3 * n));
            recurrentStep = slices(recurrent);
            states = own(Nd4j.zeros(type, steps + 1, batch, n));
            state = slices(states);
            sequence = states.get(NDArrayIndex.interval(1, steps + 1), NDArrayIndex.all(), NDArrayIndex.all())
                    .permute(1, 2, 0);
            flatPrevious = states.get(NDArrayIndex.interval(0, steps), NDArrayIndex.all(), NDArrayIndex.all())
                    .reshape('c', steps * batch, n);
            inputErrors = own(Nd4j.createUninitialized(type, new long[] {steps * batch, 3 * n}, 'c'));
            recurrentErrors = own(Nd4j.createUninitialized(type, new long[] {steps * batch, 3 * n}, 'c'));
            flatRecurrentErrors = slices(recurrentErrors.reshape('c', steps, batch, 3 * n));
            stateErrors = own(Nd4j.createUninitialized(type, new long[] {steps, batch, n}, 'c'));
            stateError = slices(stateErrors);
            hostRecurrent = HostArray.of(recurrent);
            hostStates = HostArray.of(states);
            hostInputErrors = HostArray.of(inputErrors);
            hostRecurrentErrors = HostArray.of(recurrentErrors);
            hostStateErrors = HostArray.of(stateErrors);
        }

        /** Adds step {@code t}'s recurrent product to the pre-activations of {@code r} and {@code u}. */
        void addRecurrent(int t) {
            int width = (int) (3 * n);
            int gates = (int) (2 * n);
            for (int row = 0; row < batch; row++) {
                int at = (int) ((t * batch + row) * width);
                for (int j = 0; j < gates; j++) {
                    hostGates.set(at + j, hostGates.get(at + j) + hostRecurrent.get(at + j));
                }
            }
        }

        /** Adds {@code r ⊙ (h U_c)} to step {@code t}'s candidate pre-activation. */
        void addResetRecurrent(int t) {
            int width = (int) (3 * n);
            int units = (int) n;
            for (int row = 0; row < batch; row++) {
                int at = (int) ((t * batch + row) * width);
                for (int j = 0; j < units; j++) {
                    int c = at + 2 * units + j;
                    hostGates.set(c, hostGates.get(c) + hostGates.get(at + j) * hostRecurrent.get(c));
                }
            }
        }

        /** Step {@code t}'s state {@code h' = c + u (h − c)}. */
        void nextState(int t) {
            int width = (int) (3 * n);
            int units = (int) n;
            for (int row = 0; row < batch; row++) {
                int at = (int) ((t * batch + row) * width);
                int previous = (int) ((t * batch + row) * n);
                int next = previous + (int) (batch * n);
                for (int j = 0; j < units; j++) {
                    double c = hostGates.get(at + 2 * units + j);
                    hostStates.set(next + j, (hostStates.get(previous + j) - c) * hostGates.get(at + units + j) + c);
                }
            }
        }

        /**
         * The errors of step {@code t}'s pre-activations {@code [r, u, c]} as the input projection and as the recurrent
         * product see them, from the error {@code e} of its state {@code h'}: {@code d a_c = e (1 − u)(1 − c²)},
         * {@code d a_u = e (h − c) u (1 − u)}, {@code d a_r = d a_c (h U_c) r (1 − r)}, {@code d (h U_c) = d a_c r}.
         * Then the error of the state before, as far as it goes directly through {@code u ⊙ h}: set, or added to
         * the error from above.
         */
        void gateErrors(int t, boolean setPrevious) {
            int width = (int) (3 * n);
            int units = (int) n;
            for (int row = 0; row < batch; row++) {
                int at = (int) ((t * batch + row) * width);
                int step = (int) ((t * batch + row) * n);
                int previousStep = step - (int) (batch * n);
                for (int j = 0; j < units; j++) {
                    double r = hostGates.get(at + j);
                    double u = hostGates.get(at + units + j);
                    double c = hostGates.get(at + 2 * units + j);
                    double e = hostStateErrors.get(step + j);
                    double candidate = (1 - u) * (1 - c * c) * e;
                    double reset = candidate * hostRecurrent.get(at + 2 * units + j) * ((1 - r) * r);
                    double update = (hostStates.get(step + j) - c) * ((1 - u) * u) * e;
                    hostInputErrors.set(at + j, reset);
                    hostInputErrors.set(at + units + j, update);
                    hostInputErrors.set(at + 2 * units + j, candidate);
                    hostRecurrentErrors.set(at + j, reset);
                    hostRecurrentErrors.set(at + units + j, update);
                    hostRecurrentErrors.set(at + 2 * units + j, candidate * r);
                    if (t > 0) {
                        double direct = e * u;
                        hostStateErrors.set(previousStep + j,
                                setPrevious ? direct : hostStateErrors.get(previousStep + j) + direct);
                    }
                }
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
            if (t > 0) {                                                   // h(-1) = 0: no recurrent product
                matmul(h[t], u, buffers.recurrentStep[t], false, false, 0);
                buffers.addRecurrent(t);
            }
            Nd4j.exec(new Sigmoid(buffers.resetUpdate[t], buffers.resetUpdate[t]));
            if (t > 0) {
                buffers.addResetRecurrent(t);
            }
            Nd4j.exec(new Tanh(buffers.candidate[t], buffers.candidate[t]));
            buffers.nextState(t);
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
        INDArray[] error = buffers.stateError;
        if (lastStepOnly) {
            error[steps - 1].assign(epsilon);
        } else {
            buffers.stateErrors.assign(epsilon.permute(2, 0, 1));
        }
        for (int t = steps - 1; t >= 0; t--) {
            buffers.gateErrors(t, lastStepOnly);
            if (t > 0) {                                      // and through h U into all three gates
                matmul(buffers.flatRecurrentErrors[t], u, error[t - 1], false, true, 1);
            }
        }
        return buffers.gradients(buffers.inputErrors, buffers.recurrentErrors, buffers.flatPrevious, w);
    }
}
