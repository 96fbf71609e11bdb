package dev.tsforge.model.internal.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The runtime of {@link GruLayer}: the passes of {@link GruStepLoop} instead of the layer's SameDiff graph, which is
 * unrolled over time steps (about twenty ops per step each way, each paying ND4J's per-op overhead). With a mask (the
 * MASK gap policy, where a missing value restarts the state) the graph still runs: the step loop has no masks. See
 * {@link StepLoopRuntimeLayer}.
 */
final class GruRuntimeLayer extends StepLoopRuntimeLayer<GruStepLoop.Buffers> {

    private static final String[] GATES = {GruLayer.RESET, GruLayer.UPDATE, GruLayer.CANDIDATE};

    GruRuntimeLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private GruLayer gru() {
        return (GruLayer) layerConf();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return maskArray != null ? graphActivate(training, workspaceMgr) : super.activate(training, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return maskArray != null ? graphBackprop(epsilon, workspaceMgr)
                : super.backpropGradient(epsilon, workspaceMgr);
    }

    /** One kind of parameter of the three gates side by side: {@code [reset | update | candidate]}. */
    private INDArray blocks(String kind) {
        INDArray[] parts = new INDArray[GATES.length];
        for (int g = 0; g < GATES.length; g++) {
            parts[g] = getParam(kind + GATES[g]);
        }
        return Nd4j.hstack(parts);
    }

    @Override
    GruStepLoop.Buffers forward(boolean training) {
        INDArray w = blocks(GruLayer.INPUT_WEIGHTS);
        INDArray u = blocks(GruLayer.RECURRENT_WEIGHTS);
        GruStepLoop.Buffers into = buffers().forPass(training, input, () -> GruStepLoop.Buffers.of(input, u));
        return GruStepLoop.forward(into, input.castTo(w.dataType()), w, u, blocks(GruLayer.BIAS));
    }

    @Override
    INDArray anyArray(GruStepLoop.Buffers states) {
        return states.states();
    }

    @Override
    INDArray output(GruStepLoop.Buffers states) {
        return gru().isLastStepOnly() ? states.lastOutput() : states.sequence();
    }

    @Override
    Pair<Gradient, INDArray> backward(GruStepLoop.Buffers states, INDArray epsilon) {
        StepLoopArrays.Gradients gradients = GruStepLoop.backward(states, epsilon, gru().isLastStepOnly(),
                blocks(GruLayer.INPUT_WEIGHTS), blocks(GruLayer.RECURRENT_WEIGHTS));
        long n = gru().getNOut();
        Gradient gradient = new DefaultGradient();
        for (int g = 0; g < GATES.length; g++) {
            put(gradient, GruLayer.INPUT_WEIGHTS + GATES[g], columns(gradients.inputWeights(), g, n));
            put(gradient, GruLayer.RECURRENT_WEIGHTS + GATES[g], columns(gradients.recurrentWeights(), g, n));
            put(gradient, GruLayer.BIAS + GATES[g], columns(gradients.bias(), g, n));
        }
        return new Pair<>(gradient, gradients.input());
    }

    private static INDArray columns(INDArray blocks, int gate, long n) {
        return blocks.get(NDArrayIndex.all(), NDArrayIndex.interval(gate * n, (gate + 1) * n));
    }
}
