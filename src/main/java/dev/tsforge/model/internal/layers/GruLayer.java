package dev.tsforge.model.internal.layers;

import java.util.Map;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A gated recurrent unit layer, which DL4J 1.0.0-M2.1 lacks, written as a {@link SameDiffLayer} so that it stacks
 * with the other layers, trains with DL4J's updaters and saves with {@code ModelSerializer}:
 * {@code r = σ(x W_r + h U_r + b_r)}, {@code u = σ(x W_u + h U_u + b_u)},
 * {@code c = tanh(x W_c + r ⊙ (h U_c) + b_c)}, {@code h' = u ⊙ h + (1 − u) ⊙ c} — the reset gate applied after the
 * recurrent product, as in ND4J's fused op, cuDNN and PyTorch.
 *
 * <p>The time loop is unrolled from basic ops, whose gradients SameDiff derives exactly. ND4J's fused {@code gru}
 * op was tried first: its backward pass gives wrong reset-gate gradients in M2.1 (a finite-difference check shows
 * it), so it is not used.
 *
 * <p>Input is DL4J's recurrent layout {@code [batch, nIn, time]}. Output is the full sequence
 * {@code [batch, nOut, time]} for a stacked layer, or only the last state {@code [batch, nOut]}. Fields are bean
 * properties because DL4J stores the configuration as JSON.
 */
public class GruLayer extends RecurrentSameDiffLayer {

    public static final String INPUT_WEIGHTS = "W";
    public static final String RECURRENT_WEIGHTS = "U";
    public static final String BIAS = "b";
    public static final String RESET = "r";
    public static final String UPDATE = "u";
    public static final String CANDIDATE = "c";
    private static final String[] GATES = {RESET, UPDATE, CANDIDATE};

    /** For DL4J's JSON. */
    public GruLayer() {
    }

    public GruLayer(long nIn, long nOut, boolean lastStepOnly, WeightInit weightInit) {
        super(nIn, nOut, lastStepOnly, weightInit);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        SDVariable[] steps = sd.unstack(input.permute(2, 0, 1), 0, (int) getTimeSteps());
        // a zero initial state [batch, nOut] whose batch size follows the input's
        SDVariable h = input.sum(1, 2).mul(0.0).reshape(-1, 1)
                .add(sd.constant(Nd4j.zeros(input.dataType(), 1, getNOut())));
        SDVariable[] states = new SDVariable[steps.length];
        // DL4J feeds a mask of ones when none is given; a 0 (MASK policy: a missing value) restarts the state, as
        // DL4J's own recurrent layers do
        SDVariable[] masks = mask == null ? null : sd.unstack(mask, 1, (int) getTimeSteps());
        for (int t = 0; t < steps.length; t++) {
            SDVariable x = steps[t];
            SDVariable reset = sd.nn().sigmoid(gate(x, h, params, RESET));
            SDVariable update = sd.nn().sigmoid(gate(x, h, params, UPDATE));
            SDVariable candidate = sd.math().tanh(x.mmul(params.get(INPUT_WEIGHTS + CANDIDATE))
                    .add(reset.mul(h.mmul(params.get(RECURRENT_WEIGHTS + CANDIDATE))))
                    .add(params.get(BIAS + CANDIDATE)));
            // h' = u ⊙ h + (1 − u) ⊙ c
            h = candidate.add(update.mul(h.sub(candidate)));
            if (masks != null) {
                h = h.mul(masks[t].reshape(-1, 1));
            }
            states[t] = h;
        }
        return halfGradient(sd, isLastStepOnly() ? h : sd.stack(2, states));
    }

    /**
     * The same values, with half the gradient flowing back. DL4J's {@code SameDiffLayer} hands every SameDiff layer
     * exactly twice the true gradient (seen with finite differences on this layer and on a plain dense one);
     * Adam would hide it, but SGD, clipping and L2 would not. {@code 0.5 f + 0.5 stop(f)} equals {@code f} and
     * carries half its gradient, which the doubling restores.
     */
    private static SDVariable halfGradient(SameDiff sd, SDVariable output) {
        SDVariable frozen = new StopGradient(sd, output).outputVariable();
        return output.mul(0.5).add(frozen.mul(0.5));
    }

    private static SDVariable gate(SDVariable x, SDVariable h, Map<String, SDVariable> params, String gate) {
        return x.mmul(params.get(INPUT_WEIGHTS + gate)).add(h.mmul(params.get(RECURRENT_WEIGHTS + gate)))
                .add(params.get(BIAS + gate));
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        for (String gate : GATES) {
            params.addWeightParam(INPUT_WEIGHTS + gate, getNIn(), getNOut());
            params.addWeightParam(RECURRENT_WEIGHTS + gate, getNOut(), getNOut());
            params.addBiasParam(BIAS + gate, 1, getNOut());
        }
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        for (String gate : GATES) {
            initWeights((int) getNIn(), (int) getNOut(), weightInit, params.get(INPUT_WEIGHTS + gate));
            initWeights((int) getNOut(), (int) getNOut(), weightInit, params.get(RECURRENT_WEIGHTS + gate));
            params.get(BIAS + gate).assign(0);
        }
    }

    /** {@link GruStepLoop}, or the SameDiff graph of {@link #defineLayer} where a mask is given. */
    @Override
    StepLoopRuntimeLayer<?> runtimeLayer(NeuralNetConfiguration conf, DataType dataType) {
        return new GruRuntimeLayer(conf, dataType);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
            int minibatchSize) {
        // the last step alone has no time axis left to mask; the next layer must not get the per-step mask
        return new Pair<>(isLastStepOnly() ? null : maskArray, currentMaskState);
    }

}
