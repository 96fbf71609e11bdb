package dev.tsforge.model;

import static dev.tsforge.model.TimeMajor.at;
import static dev.tsforge.model.TimeMajor.matmul;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * DL4J's {@code SimpleRnn} ({@code h = act(x W + h RW + b)}, zero initial state, tanh or ReLU) in plain ND4J ops,
 * forward and backward, as {@link LstmSteps} does for the LSTM. DL4J's own layer takes about a dozen ops and views per
 * step in its backward pass (two products for the weight gradients among them); here a step is one product and one or
 * two element-wise ops each way, and the input projection and the weight gradients are done for all steps at once.
 * Arrays are time-major ({@code [steps, batch, …]}).
 */
final class SimpleRnnSteps {

    private SimpleRnnSteps() {
    }

    /** The input {@code [steps × batch, nIn]} and the outputs {@code [steps + 1, batch, n]}, the zero state at 0. */
    record States(INDArray input, INDArray outputs) {

        long steps() {
            return outputs.size(0) - 1;
        }

        /** All outputs in DL4J's recurrent layout {@code [batch, n, steps]} (a view). */
        INDArray sequence() {
            return outputs.get(NDArrayIndex.interval(1, steps() + 1), NDArrayIndex.all(), NDArrayIndex.all())
                    .permute(1, 2, 0);
        }
    }

    /**
     * Gradients for {@code W [nIn, n]}, {@code RW [n, n]}, {@code b [1, n]} and the input
     * {@code [batch, nIn, steps]}.
     */
    record Gradients(INDArray inputWeights, INDArray recurrentWeights, INDArray bias, INDArray input) {
    }

    /** @param x DL4J's recurrent layout {@code [batch, nIn, steps]} */
    static States forward(INDArray x, INDArray w, INDArray rw, INDArray b, boolean relu) {
        long batch = x.size(0);
        long nIn = x.size(1);
        long steps = x.size(2);
        long n = rw.size(0);
        INDArray input = x.permute(2, 0, 1).dup('c').reshape('c', steps * batch, nIn);
        INDArray projected = Nd4j.createUninitialized(x.dataType(), new long[] {steps * batch, n}, 'c');
        matmul(input, w, projected, false, false, 0);
        projected.addiRowVector(b.reshape(1, n));
        INDArray z = projected.reshape('c', steps, batch, n);
        INDArray outputs = Nd4j.zeros(x.dataType(), steps + 1, batch, n);
        for (int t = 0; t < steps; t++) {
            INDArray zt = z.slice(t);
            if (t > 0) {
                matmul(outputs.slice(t), rw, zt, false, false, 1);          // z += h(t-1) RW; h(-1) = 0
            }
            INDArray h = outputs.slice(t + 1);
            if (relu) {
                Nd4j.exec(new RectifiedLinear(zt, h, 0.0));
            } else {
                Nd4j.exec(new Tanh(zt, h));
            }
        }
        return new States(input, outputs);
    }

    /** @param epsilon the error of every output, {@code [batch, n, steps]} */
    static Gradients backward(States states, INDArray epsilon, INDArray w, INDArray rw, boolean relu) {
        long steps = states.steps();
        long n = rw.size(0);
        INDArray outputs = states.outputs().get(NDArrayIndex.interval(1, steps + 1), NDArrayIndex.all(),
                NDArrayIndex.all());
        long batch = outputs.size(1);
        // the activation's slope from its output, for all steps at once: tanh 1 − h², ReLU h > 0
        INDArray slopes = relu ? outputs.gt(0).castTo(outputs.dataType()) : outputs.mul(outputs).rsubi(1);
        INDArray errors = Nd4j.createUninitialized(outputs.dataType(), new long[] {steps * batch, n}, 'c');
        INDArray stepErrors = errors.reshape('c', steps, batch, n);
        INDArray timeEpsilon = epsilon.permute(2, 0, 1);
        INDArray error = at(timeEpsilon, steps - 1).dup('c');
        for (long t = steps - 1; t >= 0; t--) {
            Nd4j.exec(new MulOp(error, at(slopes, t), stepErrors.slice(t)));
            if (t > 0) {
                error = at(timeEpsilon, t - 1).dup('c');
                matmul(stepErrors.slice(t), rw, error, false, true, 1);      // h(t-1) feeds step t through RW
            }
        }
        INDArray inputWeights = Nd4j.createUninitialized(w.dataType(), w.shape(), 'c');
        matmul(states.input(), errors, inputWeights, true, false, 0);
        INDArray previous = states.outputs().get(NDArrayIndex.interval(0, steps), NDArrayIndex.all(),
                NDArrayIndex.all()).dup('c').reshape('c', steps * batch, n);
        INDArray recurrentWeights = Nd4j.createUninitialized(rw.dataType(), rw.shape(), 'c');
        matmul(previous, errors, recurrentWeights, true, false, 0);
        INDArray bias = errors.sum(0).reshape(1, n);
        INDArray input = Nd4j.createUninitialized(w.dataType(), new long[] {steps * batch, w.size(0)}, 'c');
        matmul(errors, w, input, false, true, 0);
        return new Gradients(inputWeights, recurrentWeights, bias,
                input.reshape('c', steps, batch, w.size(0)).permute(1, 2, 0));
    }
}
