package dev.tsforge.model;

import static dev.tsforge.model.TimeMajor.matmul;
import static dev.tsforge.model.TrainingBuffers.slices;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * DL4J's {@code SimpleRnn} ({@code h = act(x W + h RW + b)}, zero initial state, tanh or ReLU) in plain ND4J ops,
 * forward and backward, as {@link LstmSteps} does for the LSTM. DL4J's own layer takes about a dozen ops and views per
 * step in its backward pass (two products for the weight gradients among them); here a step is one product and one
 * element-wise op each way, on views made once per shape ({@link Buffers}), and the input projection and the weight
 * gradients are done for all steps at once. Arrays are time-major ({@code [steps, batch, …]}).
 */
final class SimpleRnnSteps {

    private SimpleRnnSteps() {
    }

    /**
     * The arrays of both passes for one shape, with their per-step views. The forward pass leaves the input and the
     * outputs (the zero state at index 0) here for the backward pass.
     */
    static final class Buffers extends TrainingBuffers.Owned {

        private final long steps;
        private final long batch;
        private final long n;
        private final INDArray timeInput;
        private final INDArray input;
        private final INDArray projected;
        private final INDArray[] preActivations;
        private final INDArray outputs;
        private final INDArray[] states;
        private final INDArray after;
        private final INDArray sequence;
        private final INDArray previous;
        private final INDArray slopes;
        private final INDArray[] stepSlopes;
        private final INDArray timeEpsilon;
        private final INDArray[] stepEpsilon;
        private final INDArray errors;
        private final INDArray[] stepErrors;
        private final INDArray inputError;
        private final INDArray inputWeights;
        private final INDArray recurrentWeights;

        Buffers(DataType type, long batch, long steps, long nIn, long n) {
            this.steps = steps;
            this.batch = batch;
            this.n = n;
            timeInput = own(Nd4j.createUninitialized(type, new long[] {steps, batch, nIn}, 'c'));
            input = timeInput.reshape('c', steps * batch, nIn);
            projected = own(Nd4j.createUninitialized(type, new long[] {steps * batch, n}, 'c'));
            preActivations = slices(projected.reshape('c', steps, batch, n));
            outputs = own(Nd4j.zeros(type, steps + 1, batch, n));
            states = slices(outputs);
            after = outputs.get(NDArrayIndex.interval(1, steps + 1), NDArrayIndex.all(), NDArrayIndex.all());
            sequence = after.permute(1, 2, 0);
            previous = outputs.get(NDArrayIndex.interval(0, steps), NDArrayIndex.all(), NDArrayIndex.all())
                    .reshape('c', steps * batch, n);
            slopes = own(Nd4j.createUninitialized(type, new long[] {steps, batch, n}, 'c'));
            stepSlopes = slices(slopes);
            timeEpsilon = own(Nd4j.createUninitialized(type, new long[] {steps, batch, n}, 'c'));
            stepEpsilon = slices(timeEpsilon);
            errors = own(Nd4j.createUninitialized(type, new long[] {steps * batch, n}, 'c'));
            stepErrors = slices(errors.reshape('c', steps, batch, n));
            inputError = own(Nd4j.createUninitialized(type, new long[] {steps * batch, nIn}, 'c'));
            inputWeights = own(Nd4j.createUninitialized(type, new long[] {nIn, n}, 'c'));
            recurrentWeights = own(Nd4j.createUninitialized(type, new long[] {n, n}, 'c'));
        }

        /** For input {@code x [batch, nIn, steps]} and recurrent weights {@code [n, n]}. */
        static Buffers of(INDArray x, INDArray rw) {
            return new Buffers(rw.dataType(), x.size(0), x.size(2), x.size(1), rw.size(0));
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

    /**
     * Gradients for {@code W [nIn, n]}, {@code RW [n, n]}, {@code b [1, n]} and the input
     * {@code [batch, nIn, steps]}; arrays of the buffers, valid until their next use.
     */
    record Gradients(INDArray inputWeights, INDArray recurrentWeights, INDArray bias, INDArray input) {
    }

    /** @param x DL4J's recurrent layout {@code [batch, nIn, steps]}, of the buffers' shape */
    static Buffers forward(Buffers buffers, INDArray x, INDArray w, INDArray rw, INDArray b, boolean relu) {
        buffers.timeInput.assign(x.permute(2, 0, 1));
        matmul(buffers.input, w, buffers.projected, false, false, 0);
        buffers.projected.addiRowVector(b.reshape(1, buffers.n));
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
    static Gradients backward(Buffers buffers, INDArray epsilon, INDArray w, INDArray rw, boolean relu) {
        int steps = (int) buffers.steps;
        INDArray after = buffers.after;
        // the activation's slope from its output, for all steps at once: tanh 1 − h², ReLU h > 0
        if (relu) {
            buffers.slopes.assign(after.gt(0).castTo(after.dataType()));
        } else {
            Nd4j.exec(new MulOp(after, after, buffers.slopes));
            buffers.slopes.rsubi(1);
        }
        buffers.timeEpsilon.assign(epsilon.permute(2, 0, 1));
        INDArray[] error = buffers.stepEpsilon;                               // the error of h(t), completed below
        for (int t = steps - 1; t >= 0; t--) {
            Nd4j.exec(new MulOp(error[t], buffers.stepSlopes[t], buffers.stepErrors[t]));
            if (t > 0) {
                matmul(buffers.stepErrors[t], rw, error[t - 1], false, true, 1); // h(t-1) feeds step t through RW
            }
        }
        matmul(buffers.input, buffers.errors, buffers.inputWeights, true, false, 0);
        matmul(buffers.previous, buffers.errors, buffers.recurrentWeights, true, false, 0);
        INDArray bias = buffers.errors.sum(0).reshape(1, buffers.n);
        matmul(buffers.errors, w, buffers.inputError, false, true, 0);
        return new Gradients(buffers.inputWeights, buffers.recurrentWeights, bias,
                buffers.inputError.reshape('c', steps, buffers.batch, w.size(0)).permute(1, 2, 0));
    }
}
