package dev.tsforge.model.internal.layers;

import dev.tsforge.model.internal.inference.JavaForward;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.params.SimpleRnnParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime of {@link SimpleRnnLayer}: {@link SimpleRnnStepLoop} forward and backward. What it does not cover runs
 * DL4J's own code: masks, layer normalisation, the NWC layout, activations other than tanh and plain ReLU, and
 * stateful stepping ({@code rnnTimeStep}, truncated backpropagation through time), which tsforge does not use.
 */
final class SimpleRnnRuntimeLayer extends SimpleRnn implements TrainingBuffers.Holder {

    private final KeptForward<SimpleRnnStepLoop.Buffers> kept = new KeptForward<>(SimpleRnnStepLoop.Buffers::outputs);
    private final TrainingBuffers<SimpleRnnStepLoop.Buffers> buffers = new TrainingBuffers<>();

    SimpleRnnRuntimeLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private boolean covered() {
        org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn conf = layerConf();
        IActivation activation = conf.getActivationFn();
        return maskArray == null && !conf.hasLayerNorm() && conf.getRnnDataFormat() == RNNFormat.NCW
                && JavaForward.isTanhOrRelu(activation);
    }

    private boolean relu() {
        return layerConf().getActivationFn() instanceof ActivationReLU;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!covered()) {
            return super.activate(training, workspaceMgr);
        }
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        kept.forget();
        SimpleRnnStepLoop.Buffers states = training ? kept.compute(this::trainingForward, input, workspaceMgr)
                : forward(false);
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, states.sequence());
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!covered()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray w = getParam(SimpleRnnParamInitializer.WEIGHT_KEY);
        INDArray rw = getParam(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY);
        StepLoopArrays.Gradients gradients = SimpleRnnStepLoop.backward(kept.take(input, this::trainingForward),
                epsilon.castTo(w.dataType()), w, rw, relu());
        Gradient gradient = new DefaultGradient(gradientsFlattened);
        put(gradient, SimpleRnnParamInitializer.WEIGHT_KEY, gradients.inputWeights());
        put(gradient, SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY, gradients.recurrentWeights());
        put(gradient, SimpleRnnParamInitializer.BIAS_KEY, gradients.bias());
        INDArray inputError = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, gradients.input());
        return new Pair<>(gradient, backpropDropOutIfPresent(inputError));
    }

    /** Into the buffers kept for this shape, which the backward pass then uses too. */
    private SimpleRnnStepLoop.Buffers trainingForward() {
        return forward(true);
    }

    private SimpleRnnStepLoop.Buffers forward(boolean training) {
        INDArray w = getParam(SimpleRnnParamInitializer.WEIGHT_KEY);
        INDArray rw = getParam(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY);
        SimpleRnnStepLoop.Buffers into = buffers.forPass(training, input,
                () -> SimpleRnnStepLoop.Buffers.of(input, rw));
        return SimpleRnnStepLoop.forward(into, input.castTo(w.dataType()), w, rw,
                getParam(SimpleRnnParamInitializer.BIAS_KEY), relu());
    }

    @Override
    public TrainingBuffers<?> trainingBuffers() {
        return buffers;
    }

    @Override
    public void clear() {
        super.clear();
        kept.forget();
    }

    /** Into DL4J's gradient view, which the updater reads. */
    private void put(Gradient gradient, String key, INDArray value) {
        INDArray view = gradientViews.get(key);
        view.assign(value.reshape(view.shape()));
        gradient.gradientForVariable().put(key, view);
    }
}
