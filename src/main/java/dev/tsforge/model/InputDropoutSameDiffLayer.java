package dev.tsforge.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's runtime {@code SameDiffLayer}, plus the input dropout that DL4J's own layers apply: M2.1's
 * {@code SameDiffLayer} never reads the configured {@code IDropout}, so a dropout set on a SameDiff layer would be
 * silently ignored. Dropout is applied only in training, and its mask scales the gradient passed to the layer below,
 * as in {@code BaseLayer}.
 */
final class InputDropoutSameDiffLayer extends SameDiffLayer {

    InputDropoutSameDiffLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        applyDropOutIfNecessary(training, workspaceMgr);
        return super.activate(training, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        Pair<Gradient, INDArray> gradients = super.backpropGradient(epsilon, workspaceMgr);
        return new Pair<>(gradients.getFirst(), backpropDropOutIfPresent(gradients.getSecond()));
    }
}
