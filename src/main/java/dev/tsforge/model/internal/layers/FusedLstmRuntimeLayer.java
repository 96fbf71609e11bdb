package dev.tsforge.model.internal.layers;

import dev.tsforge.model.internal.inference.JavaForward;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMActivations;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDataFormat;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDirectionMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime of {@link FusedLstmLayer}: training runs the forward and backward passes of {@link LstmStepLoop}, because
 * the SameDiff graph's backward op ({@code lstmLayer_bp}) never freed its memory; inference calls ND4J's fused
 * {@code lstmLayer} op directly. See {@link StepLoopRuntimeLayer}.
 */
final class FusedLstmRuntimeLayer extends StepLoopRuntimeLayer<LstmStepLoop.Buffers> {

    FusedLstmRuntimeLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private FusedLstmLayer lstm() {
        return (FusedLstmLayer) layerConf();
    }

    /**
     * ND4J's fused {@code lstmLayer} op: one native call for the whole sequence, where the step loop of
     * {@link LstmStepLoop} pays per-op overhead at every step. It keeps some native memory every call (ND4J M2.1;
     * {@code NativeMemoryHarness} shows it), so forecasts do not come here ({@link JavaForward}), only DL4J's own
     * evaluation during training. Its backward op, which never frees its per-step arrays, is not used.
     */
    @Override
    INDArray infer(LayerWorkspaceMgr workspaceMgr) {
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
    LstmStepLoop.Buffers forward(boolean training) {
        INDArray recurrent = getParam(FusedLstmLayer.RECURRENT_WEIGHTS);
        LstmStepLoop.Buffers into = buffers().forPass(training, input, () -> LstmStepLoop.Buffers.of(input, recurrent));
        return LstmStepLoop.forward(into, input.castTo(getParam(FusedLstmLayer.INPUT_WEIGHTS).dataType()),
                getParam(FusedLstmLayer.INPUT_WEIGHTS), recurrent, getParam(FusedLstmLayer.BIAS),
                lstm().getCellActivation());
    }

    @Override
    INDArray anyArray(LstmStepLoop.Buffers states) {
        return states.outputs();
    }

    @Override
    INDArray output(LstmStepLoop.Buffers states) {
        return lstm().isLastStepOnly() ? states.lastOutput() : states.sequence();
    }

    @Override
    Pair<Gradient, INDArray> backward(LstmStepLoop.Buffers states, INDArray epsilon) {
        StepLoopArrays.Gradients gradients = LstmStepLoop.backward(states, epsilon, lstm().isLastStepOnly(),
                getParam(FusedLstmLayer.INPUT_WEIGHTS), getParam(FusedLstmLayer.RECURRENT_WEIGHTS),
                lstm().getCellActivation());
        Gradient gradient = new DefaultGradient();
        put(gradient, FusedLstmLayer.INPUT_WEIGHTS, gradients.inputWeights());
        put(gradient, FusedLstmLayer.RECURRENT_WEIGHTS, gradients.recurrentWeights());
        put(gradient, FusedLstmLayer.BIAS, gradients.bias());
        return new Pair<>(gradient, gradients.input());
    }
}
