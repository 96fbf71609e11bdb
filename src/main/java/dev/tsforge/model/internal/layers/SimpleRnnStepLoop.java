package dev.tsforge.model.internal.layers;

import static dev.tsforge.model.internal.layers.TimeMajor.matmul;
import static dev.tsforge.model.internal.layers.TrainingBuffers.slices;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * DL4J's {@code SimpleRnn} ({@code h = act(x W + h RW + b)}, zero initial state, tanh or ReLU) in plain ND4J ops,
 * forward and backward, as {@link LstmStepLoop} does for the LSTM. DL4J's own layer takes about a dozen ops and views
 * per step in its backward pass (two products for the weight gradients among them); here a step is one product and one
 * element-wise op each way, on views made once per shape ({@link Buffers}), and the input projection and the weight
 * gradients are done for all steps at once. Arrays are time-major ({@code [steps, batch, …]}).
 */
public final class SimpleRnnStepLoop {

    private SimpleRnnStepLoop() {
    }

    /**
     * The arrays of both passes for one shape, with their per-step views. The forward pass leaves the input and the
     * outputs (the zero state at index 0) here for the backward pass.
     */
    static final class Buffers extends StepLoopArrays {

        private final INDArray[] preActivations;
        private final INDArray outputs;
        private final INDArray[] states;
        private final INDArray sequence;
        private final INDArray previous;
        private final INDArray timeEpsilon;
        private final INDArray[] stepEpsilon;
        private final INDArray errors;
        private final INDArray[] stepErrors;
        private final HostArray hostOutputs;
        private final HostArray hostTimeEpsilon;
        private final HostArray hostErrors;

        Buffers(DataType type, long batch, int steps, long nIn, long n) {
            super(type, batch, steps, nIn, n, 1);
            preActivations = slices(gates);
            outputs = own(Nd4j.zeros(type, steps + 1, batch, n));
            states = slices(outputs);
            sequence = outputs.get(NDArrayIndex.interval(1, steps + 1), NDArrayIndex.all(), NDArrayIndex.all())
                    .permute(1, 2, 0);
            previous = outputs.get(NDArrayIndex.interval(0, steps), NDArrayIndex.all(), NDArrayIndex.all())
                    .reshape('c', steps * batch, n);
            timeEpsilon = own(Nd4j.createUninitialized(type, new long[] {steps, batch, n}, 'c'));
            stepEpsilon = slices(timeEpsilon);
            errors = own(Nd4j.createUninitialized(type, new long[] {steps * batch, n}, 'c'));
            stepErrors = slices(errors.reshape('c', steps, batch, n));
            hostOutputs = HostArray.of(outputs);
            hostTimeEpsilon = HostArray.of(timeEpsilon);
            hostErrors = HostArray.of(errors);
        }

        /** The error of step {@code t}'s pre-activation: its output's error times the activation's slope there. */
        void preActivationError(int t, boolean relu) {
            int from = (int) (t * batch * n);
            int to = (int) ((t + 1) * batch * n);
            int output = (int) (batch * n);                 // outputs hold the zero state first
            for (int i = from; i < to; i++) {
                double h = hostOutputs.get(output + i);
                hostErrors.set(i, hostTimeEpsilon.get(i) * (relu ? (h > 0 ? 1 : 0) : 1 - h * h));
            }
        }

        /** For input {@code x [batch, nIn, steps]} and recurrent weights {@code [n, n]}. */
        static Buffers of(INDArray x, INDArray rw) {
            return new Buffers(rw.dataType(), x.size(0), (int) x.size(2), x.size(1), rw.size(0));
        }

        /** All outputs in DL4J's recurrent layout {@code [batch, n, steps]} (a view). */
        INDArray sequence() {
            return sequence;
        }

        /** The layer's outputs {@code [steps + 1, batch, n]}, the zero state at 0. */
        INDArray outputs() {
            return outputs;
        }
    }

    /** @param x DL4J's recurrent layout {@code [batch, nIn, steps]}, of the buffers' shape */
    static Buffers forward(Buffers buffers, INDArray x, INDArray w, INDArray rw, INDArray b, boolean relu) {
        buffers.project(x, w, b);
        INDArray[] z = buffers.preActivations;
        INDArray[] h = buffers.states;
        for (int t = 0; t < buffers.steps; t++) {
            if (t > 0) {
                matmul(h[t], rw, z[t], false, false, 1);                     // z += h(t-1) RW; h(-1) = 0
            }
            if (relu) {
                Nd4j.exec(new RectifiedLinear(z[t], h[t + 1], 0.0));
            } else {
                Nd4j.exec(new Tanh(z[t], h[t + 1]));
            }
        }
        return buffers;
    }

    /**
     * @param buffers what {@link #forward} left
     * @param epsilon the error of every output, {@code [batch, n, steps]}
     */
    static StepLoopArrays.Gradients backward(Buffers buffers, INDArray epsilon, INDArray w, INDArray rw, boolean relu) {
        int steps = buffers.steps;
        buffers.timeEpsilon.assign(epsilon.permute(2, 0, 1));
        INDArray[] error = buffers.stepEpsilon;                               // the error of h(t), completed below
        for (int t = steps - 1; t >= 0; t--) {
            buffers.preActivationError(t, relu);
            if (t > 0) {
                matmul(buffers.stepErrors[t], rw, error[t - 1], false, true, 1); // h(t-1) feeds step t through RW
            }
        }
        return buffers.gradients(buffers.errors, buffers.errors, buffers.previous, w);
    }
}
