package dev.tsforge.model;

import static dev.tsforge.model.TimeMajor.at;
import static dev.tsforge.model.TimeMajor.block;
import static dev.tsforge.model.TimeMajor.block3;
import static dev.tsforge.model.TimeMajor.matmul;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The GRU of {@link GruLayer} ({@code r = σ(x W_r + h U_r + b_r)}, {@code u = σ(x W_u + h U_u + b_u)},
 * {@code c = tanh(x W_c + r ⊙ (h U_c) + b_c)}, {@code h' = c + u ⊙ (h − c)}, zero initial state) in plain ND4J ops,
 * forward and backward, as {@link LstmSteps} does for the LSTM. Why: the layer's SameDiff graph, unrolled over time
 * steps, runs about twenty ops per step each way, which made GRU training ~5× slower than PyTorch's. Here the step
 * loop holds one matrix product and a few element-wise ops; the input projection, the gate derivatives and the weight
 * gradients are done for all steps at once.
 *
 * <p>Weights are taken as blocks {@code [reset | update | candidate]}: {@code W [nIn, 3n]}, {@code U [n, 3n]},
 * {@code b [1, 3n]}. Arrays are time-major ({@code [steps, batch, …]}).
 */
final class GruSteps {

    private GruSteps() {
    }

    /**
     * What the backward pass needs: the input {@code [steps × batch, nIn]}, the activated gates {@code [steps, batch,
     * 3n]} ({@code r, u, c}), the recurrent product of the candidate {@code h U_c} {@code [steps, batch, n]}, and the
     * states {@code [steps + 1, batch, n]} with the zero initial state at index 0.
     */
    record States(INDArray input, INDArray gates, INDArray candidateRecurrent, INDArray states) {

        long steps() {
            return gates.size(0);
        }

        INDArray lastOutput() {
            return states.slice(steps());
        }

        /** All outputs in DL4J's recurrent layout {@code [batch, n, steps]} (a view). */
        INDArray sequence() {
            return states.get(NDArrayIndex.interval(1, steps() + 1), NDArrayIndex.all(), NDArrayIndex.all())
                    .permute(1, 2, 0);
        }
    }

    /**
     * Gradients for {@code W [nIn, 3n]}, {@code U [n, 3n]}, {@code b [1, 3n]} and the input
     * {@code [batch, nIn, steps]}.
     */
    record Gradients(INDArray inputWeights, INDArray recurrentWeights, INDArray bias, INDArray input) {
    }

    /** @param x DL4J's recurrent layout {@code [batch, nIn, steps]} */
    static States forward(INDArray x, INDArray w, INDArray u, INDArray b) {
        long batch = x.size(0);
        long nIn = x.size(1);
        long steps = x.size(2);
        long n = u.size(0);
        INDArray input = x.permute(2, 0, 1).dup('c').reshape('c', steps * batch, nIn);
        INDArray projected = Nd4j.createUninitialized(x.dataType(), new long[] {steps * batch, 3 * n}, 'c');
        matmul(input, w, projected, false, false, 0);
        projected.addiRowVector(b.reshape(1, 3 * n));
        INDArray gates = projected.reshape('c', steps, batch, 3 * n);
        INDArray candidateRecurrent = Nd4j.zeros(x.dataType(), steps, batch, n);
        INDArray states = Nd4j.zeros(x.dataType(), steps + 1, batch, n);
        INDArray recurrent = Nd4j.createUninitialized(x.dataType(), new long[] {batch, 3 * n}, 'c');
        for (int t = 0; t < steps; t++) {
            INDArray z = gates.slice(t);
            INDArray h = states.slice(t);
            INDArray resetUpdate = block(z, 0, 2, n);
            INDArray candidate = block(z, 2, 1, n);
            if (t > 0) {                                                   // h(-1) = 0: no recurrent product
                matmul(h, u, recurrent, false, false, 0);
                resetUpdate.addi(block(recurrent, 0, 2, n));
                candidateRecurrent.slice(t).assign(block(recurrent, 2, 1, n));
            }
            Nd4j.exec(new Sigmoid(resetUpdate, resetUpdate));
            if (t > 0) {
                candidate.addi(block(z, 0, 1, n).mul(candidateRecurrent.slice(t)));   // + r ⊙ (h U_c)
            }
            Nd4j.exec(new Tanh(candidate, candidate));
            INDArray next = states.slice(t + 1);
            h.sub(candidate, next).muli(block(z, 1, 1, n)).addi(candidate);          // h' = c + u (h − c)
        }
        return new States(input, gates, candidateRecurrent, states);
    }

    /**
     * @param epsilon the error from above: {@code [batch, n]} for the last step only, or {@code [batch, n, steps]}
     */
    static Gradients backward(States forward, INDArray epsilon, boolean lastStepOnly, INDArray w, INDArray u) {
        long steps = forward.steps();
        long n = u.size(0);
        INDArray gates = forward.gates();
        long batch = gates.size(1);
        INDArray r = block3(gates, 0, n);
        INDArray update = block3(gates, 1, n);
        INDArray c = block3(gates, 2, n);
        INDArray previous = forward.states().get(NDArrayIndex.interval(0, steps), NDArrayIndex.all(),
                NDArrayIndex.all());
        // with e the error of h': d a_c = e (1 − u)(1 − c²), d a_u = e (h − c) u (1 − u),
        // d a_r = d a_c (h U_c) r (1 − r), d (h U_c) = d a_c r: every factor of e is known before the loop
        INDArray candidateFactor = update.rsub(1).muli(c.mul(c).rsubi(1));
        INDArray inputFactors = Nd4j.createUninitialized(gates.dataType(), new long[] {steps, batch, 3 * n}, 'c');
        block3(inputFactors, 0, n).assign(candidateFactor.mul(forward.candidateRecurrent()).muli(r.rsub(1).muli(r)));
        block3(inputFactors, 1, n).assign(previous.sub(c).muli(update.rsub(1).muli(update)));
        block3(inputFactors, 2, n).assign(candidateFactor);
        INDArray recurrentFactors = inputFactors.dup('c');
        block3(recurrentFactors, 2, n).assign(candidateFactor.mul(r));
        INDArray stepInputFactors = inputFactors.reshape('c', steps, batch, 3, n);
        INDArray stepRecurrentFactors = recurrentFactors.reshape('c', steps, batch, 3, n);

        // errors of the pre-activations ([r, u, c] as the input projection sees them) and of h U
        INDArray inputErrors = Nd4j.createUninitialized(gates.dataType(), new long[] {steps * batch, 3 * n}, 'c');
        INDArray recurrentErrors = Nd4j.createUninitialized(gates.dataType(), new long[] {steps * batch, 3 * n}, 'c');
        INDArray stepInputErrors = inputErrors.reshape('c', steps, batch, 3, n);
        INDArray stepRecurrentErrors = recurrentErrors.reshape('c', steps, batch, 3, n);
        INDArray timeEpsilon = lastStepOnly ? null : epsilon.permute(2, 0, 1);
        INDArray error = (lastStepOnly ? epsilon : at(timeEpsilon, steps - 1)).dup('c');
        for (long t = steps - 1; t >= 0; t--) {
            INDArray broadcast = error.reshape(batch, 1, n);
            Nd4j.exec(new MulOp(stepInputFactors.slice(t), broadcast, stepInputErrors.slice(t)));
            Nd4j.exec(new MulOp(stepRecurrentFactors.slice(t), broadcast, stepRecurrentErrors.slice(t)));
            if (t == 0) {
                break;
            }
            // the error of h(t-1): directly through u ⊙ h, and through h U into all three gates
            INDArray earlier = error.mul(block(gates.slice(t), 1, 1, n));
            matmul(stepRecurrentErrors.slice(t).reshape('c', batch, 3 * n), u, earlier, false, true, 1);
            if (!lastStepOnly) {
                earlier.addi(at(timeEpsilon, t - 1));
            }
            error = earlier;
        }
        INDArray inputWeights = Nd4j.createUninitialized(w.dataType(), w.shape(), 'c');
        matmul(forward.input(), inputErrors, inputWeights, true, false, 0);
        INDArray recurrentWeights = Nd4j.createUninitialized(u.dataType(), u.shape(), 'c');
        matmul(previous.dup('c').reshape('c', steps * batch, n), recurrentErrors, recurrentWeights, true, false, 0);
        INDArray bias = inputErrors.sum(0).reshape(1, 3 * n);
        INDArray input = Nd4j.createUninitialized(w.dataType(), new long[] {steps * batch, w.size(0)}, 'c');
        matmul(inputErrors, w, input, false, true, 0);
        return new Gradients(inputWeights, recurrentWeights, bias,
                input.reshape('c', steps, batch, w.size(0)).permute(1, 2, 0));
    }
}
