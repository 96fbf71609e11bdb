package dev.tsforge.model.internal.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime of a recurrent {@code SameDiffLayer} whose passes are a hand-written step loop of ND4J ops
 * ({@link LstmStepLoop}, {@link GruStepLoop}) rather than its SameDiff graph: DL4J's {@code SameDiffLayer} still does
 * the parameter and gradient bookkeeping, so saved models keep their format. Training passes run in arrays kept from
 * one minibatch to the next ({@link TrainingBuffers}, freed when training ends); what leaves the layer is copied into
 * the workspace DL4J expects. Inference makes its arrays in DL4J's workspaces, released with them.
 *
 * <p>The forward states of a training step are kept for its backward pass ({@link KeptForward}).
 *
 * <p>Two defects of DL4J's {@code SameDiffLayer} (M2.1) do not arise: the gradient is computed here, not doubled,
 * and the configured input dropout is applied in training (its mask scales the gradient for the layer below, as in
 * DL4J's {@code BaseLayer}).
 *
 * @param <S> what the forward pass leaves for the backward pass
 */
abstract class StepLoopRuntimeLayer<S extends TrainingBuffers.Owned> extends SameDiffLayer
        implements TrainingBuffers.Holder {

    private final KeptForward<S> kept = new KeptForward<>(this::anyArray);
    private final TrainingBuffers<S> buffers = new TrainingBuffers<>();

    StepLoopRuntimeLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Connects the layer to its place in the network and its parameters, as DL4J's layer configurations do. */
    final StepLoopRuntimeLayer<S> wire(int layerIndex, INDArray parametersView,
            java.util.Map<String, INDArray> params) {
        setIndex(layerIndex);
        setParamsViewArray(parametersView);
        setParamTable(params);
        return this;
    }

    /**
     * The forward pass over {@link #input}, cast to the parameters' type: in training into {@link #buffers()}, which
     * the backward pass then uses too, else into new arrays.
     */
    abstract S forward(boolean training);

    /** The arrays kept from one training minibatch to the next. */
    final TrainingBuffers<S> buffers() {
        return buffers;
    }

    @Override
    public TrainingBuffers<?> trainingBuffers() {
        return buffers;
    }

    /** An array of {@code states}, to tell which workspace holds them. */
    abstract INDArray anyArray(S states);

    /** The layer's output: the last step {@code [batch, n]} or the sequence {@code [batch, n, steps]}. */
    abstract INDArray output(S states);

    /** The parameter gradients (into {@link #gradTable}'s views) and the error of the input. */
    abstract Pair<Gradient, INDArray> backward(S states, INDArray epsilon);

    /** Inference: the forward pass by default; a layer may have a faster one. */
    INDArray infer(LayerWorkspaceMgr workspaceMgr) {
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, output(forward(false)));
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        kept.forget();
        if (!training) {
            return infer(workspaceMgr);
        }
        S states = kept.compute(this::trainingForward, input, workspaceMgr);
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, output(states));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        S states = kept.take(input, this::trainingForward);
        Pair<Gradient, INDArray> gradients = backward(states, epsilon);
        INDArray inputError = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, gradients.getSecond());
        return new Pair<>(gradients.getFirst(), backpropDropOutIfPresent(inputError));
    }

    private S trainingForward() {
        return forward(true);
    }

    /** DL4J's own runtime, the layer's SameDiff graph: for what a step loop does not cover. */
    final INDArray graphActivate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return super.activate(training, workspaceMgr);
    }

    /** The backward pass of {@link #graphActivate}. */
    final Pair<Gradient, INDArray> graphBackprop(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return super.backpropGradient(epsilon, workspaceMgr);
    }

    @Override
    public void clear() {
        super.clear();
        kept.forget();
    }

    /** Into DL4J's gradient view, which the updater reads. */
    void put(Gradient gradient, String key, INDArray value) {
        INDArray view = gradTable.get(key);
        view.assign(value.reshape(view.shape()));
        gradient.gradientForVariable().put(key, view);
    }
}
