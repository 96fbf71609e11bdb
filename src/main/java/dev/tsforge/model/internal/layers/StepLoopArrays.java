package dev.tsforge.model.internal.layers;

import static dev.tsforge.model.internal.layers.TimeMajor.matmul;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the arrays of every step loop ({@link SimpleRnnStepLoop}, {@link GruStepLoop}, {@link LstmStepLoop}) share: the
 * input projection of all steps before the forward loop, and the weight gradients of all steps after the backward one.
 * Arrays are time-major ({@code [steps, batch, …]}); the gates of a step lie side by side, {@code gates × n} wide.
 */
abstract class StepLoopArrays extends TrainingBuffers.Owned {

    final int steps;
    final long batch;
    final long n;
    /** The input, {@code [steps × batch, nIn]}. */
    final INDArray input;
    /** The input projection {@code x W + b}, then whatever the loop makes of it: {@code [steps × batch, gates × n]}. */
    final INDArray projected;
    /** {@link #projected} by step, {@code [steps, batch, gates × n]}. */
    final INDArray gates;
    /** {@link #projected} (the activated gates, once the forward loop has run), read and written from Java. */
    final HostArray hostGates;
    private final INDArray timeInput;
    private final INDArray inputWeights;
    private final INDArray recurrentWeights;
    private final INDArray inputError;

    StepLoopArrays(DataType type, long batch, int steps, long nIn, long n, int gateCount) {
        this.steps = steps;
        this.batch = batch;
        this.n = n;
        timeInput = own(Nd4j.createUninitialized(type, new long[] {steps, batch, nIn}, 'c'));
        input = timeInput.reshape('c', steps * batch, nIn);
        projected = own(Nd4j.createUninitialized(type, new long[] {steps * batch, gateCount * n}, 'c'));
        gates = projected.reshape('c', steps, batch, gateCount * n);
        hostGates = HostArray.of(projected);
        inputWeights = own(Nd4j.createUninitialized(type, new long[] {nIn, gateCount * n}, 'c'));
        recurrentWeights = own(Nd4j.createUninitialized(type, new long[] {n, gateCount * n}, 'c'));
        inputError = own(Nd4j.createUninitialized(type, new long[] {steps * batch, nIn}, 'c'));
    }

    /**
     * Gradients for the input weights {@code [nIn, gates × n]}, the recurrent weights {@code [n, gates × n]}, the bias
     * {@code [1, gates × n]} and the input {@code [batch, nIn, steps]}; arrays of the buffers, valid until their next
     * use.
     */
    record Gradients(INDArray inputWeights, INDArray recurrentWeights, INDArray bias, INDArray input) {
    }

    /**
     * {@link #projected} = {@code x W + b} for all steps at once.
     *
     * @param x DL4J's recurrent layout {@code [batch, nIn, steps]}, of the buffers' shape
     */
    final void project(INDArray x, INDArray w, INDArray b) {
        timeInput.assign(x.permute(2, 0, 1));
        matmul(input, w, projected, false, false, 0);
        projected.addiRowVector(b.reshape(1, projected.size(1)));
    }

    /**
     * The gradients of all steps at once.
     *
     * @param inputErrors     the errors of the pre-activations as the input projection sees them,
     *                        {@code [steps × batch, gates × n]}
     * @param recurrentErrors the same as the recurrent product sees them (for a GRU, whose reset gate comes after it)
     * @param previousStates  the state each step started from, {@code [steps × batch, n]}
     */
    final Gradients gradients(INDArray inputErrors, INDArray recurrentErrors, INDArray previousStates, INDArray w) {
        matmul(input, inputErrors, inputWeights, true, false, 0);
        matmul(previousStates, recurrentErrors, recurrentWeights, true, false, 0);
        INDArray bias = inputErrors.sum(0).reshape(1, inputErrors.size(1));
        matmul(inputErrors, w, inputError, false, true, 0);
        return new Gradients(inputWeights, recurrentWeights, bias,
                inputError.reshape('c', steps, batch, w.size(0)).permute(1, 2, 0));
    }
}
