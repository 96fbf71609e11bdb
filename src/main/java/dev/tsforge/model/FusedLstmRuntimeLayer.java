package dev.tsforge.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMActivations;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDataFormat;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDirectionMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime of {@link FusedLstmLayer}: DL4J's {@code SameDiffLayer} for its parameter and gradient bookkeeping (so
 * saved models keep their format), without its SameDiff graph: training runs the forward and backward passes of
 * {@link LstmSteps}, because the graph's backward op ({@code lstmLayer_bp}) never freed its memory; inference calls
 * ND4J's fused {@code lstmLayer} op directly. Every array lives in one of DL4J's workspaces (or, where the network
 * runs without them, is an ordinary array), and is released with it.
 *
 * <p>Two defects of DL4J's {@code SameDiffLayer} (M2.1) do not arise: the gradient is computed here, not doubled,
 * and the configured input dropout is applied in training (its mask scales the gradient for the layer below, as in
 * DL4J's {@code BaseLayer}).
 */
final class FusedLstmRuntimeLayer extends SameDiffLayer {

    /** The forward pass of the last training step, kept for its backward pass; see {@link #activate}. */
    private LstmSteps.States kept;
    private INDArray keptFor;
    private MemoryWorkspace keptIn;
    private long keptGeneration;

    FusedLstmRuntimeLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private FusedLstmLayer lstm() {
        return (FusedLstmLayer) layerConf();
    }

    /**
     * Inference runs ND4J's fused {@code lstmLayer} op: one native call for the whole sequence, several times faster
     * than the step loop of {@link LstmSteps} for a single window. It keeps ~3 KB of native memory a call (ND4J M2.1;
     * measured by {@code NativeMemoryHarness}), a known cost of serving (README, "Known limits"); its backward op, which kept ~1.9 MB a call,
     * is not used. Training runs {@link LstmSteps}, computing the forward states into the activations workspace,
     * which DL4J keeps open until the backward pass of the same step and resets after it, so that the backward pass
     * need not recompute them.
     */
    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        forget();
        if (!training) {
            return fusedForward(workspaceMgr);
        }
        LstmSteps.States states;
        if (workspaceMgr.isWorkspaceOpen(ArrayType.ACTIVATIONS)) {
            try (MemoryWorkspace activations = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATIONS)) {
                states = forward();
            }
            keep(states);
        } else {
            states = forward();
        }
        INDArray output = lstm().isLastStepOnly() ? states.lastOutput() : states.sequence();
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, output);
    }

    private INDArray fusedForward(LayerWorkspaceMgr workspaceMgr) {
        INDArray weights = getParam(FusedLstmLayer.INPUT_WEIGHTS);
        INDArray x = input.castTo(weights.dataType());
        long n = getParam(FusedLstmLayer.RECURRENT_WEIGHTS).size(0);
        boolean last = lstm().isLastStepOnly();
        long[] shape = last ? new long[] {x.size(0), n} : new long[] {x.size(0), n, x.size(2)};
        INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, weights.dataType(), shape, 'c');
        int activation = lstm().getCellActivation().ordinal();
        Nd4j.exec(DynamicCustomOp.builder("lstmLayer")
                .addInputs(x, weights, getParam(FusedLstmLayer.RECURRENT_WEIGHTS),
                        getParam(FusedLstmLayer.BIAS).reshape(4 * n))
                .addOutputs(output)
                // data format NST, forward, gate / cell / output activations
                .addIntegerArguments(LSTMDataFormat.NST.ordinal(), LSTMDirectionMode.FWD.ordinal(),
                        LSTMActivations.SIGMOID.ordinal(), activation, activation)
                .addFloatingPointArguments(0.0) // no cell clipping
                // bias; no sequence lengths, initial state or peepholes; full sequence or last output only
                .addBooleanArguments(true, false, false, false, false, !last, last, false)
                .build());
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        LstmSteps.States states = stillValid() ? kept : forward();
        forget();
        LstmSteps.Gradients gradients = LstmSteps.backward(states, epsilon, lstm().isLastStepOnly(),
                getParam(FusedLstmLayer.INPUT_WEIGHTS), getParam(FusedLstmLayer.RECURRENT_WEIGHTS),
                lstm().getCellActivation());
        Gradient gradient = new DefaultGradient();
        put(gradient, FusedLstmLayer.INPUT_WEIGHTS, gradients.inputWeights());
        put(gradient, FusedLstmLayer.RECURRENT_WEIGHTS, gradients.recurrentWeights());
        put(gradient, FusedLstmLayer.BIAS, gradients.bias());
        INDArray inputError = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, gradients.input());
        return new Pair<>(gradient, backpropDropOutIfPresent(inputError));
    }

    private LstmSteps.States forward() {
        return LstmSteps.forward(input.castTo(getParam(FusedLstmLayer.INPUT_WEIGHTS).dataType()),
                getParam(FusedLstmLayer.INPUT_WEIGHTS), getParam(FusedLstmLayer.RECURRENT_WEIGHTS),
                getParam(FusedLstmLayer.BIAS), lstm().getCellActivation());
    }

    private void keep(LstmSteps.States states) {
        kept = states;
        keptFor = input;
        keptIn = states.outputs().isAttached() ? states.outputs().data().getParentWorkspace() : null;
        keptGeneration = keptIn == null ? 0 : keptIn.getGenerationId();
    }

    /** Kept for this very input, and its workspace not closed or reset since (else its memory is reused). */
    private boolean stillValid() {
        return kept != null && keptFor == input
                && (keptIn == null || (keptIn.isScopeActive() && keptIn.getGenerationId() == keptGeneration));
    }

    private void forget() {
        kept = null;
        keptFor = null;
        keptIn = null;
    }

    @Override
    public void clear() {
        super.clear();
        forget();
    }

    /** Into DL4J's gradient view, which the updater reads. */
    private void put(Gradient gradient, String key, INDArray value) {
        INDArray view = gradTable.get(key);
        view.assign(value.reshape(view.shape()));
        gradient.gradientForVariable().put(key, view);
    }
}
