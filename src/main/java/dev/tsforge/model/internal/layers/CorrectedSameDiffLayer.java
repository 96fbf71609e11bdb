package dev.tsforge.model.internal.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's runtime {@code SameDiffLayer} with two defects of M2.1 corrected outside the graph, so that inference runs
 * no extra ops:
 * <ul>
 *   <li>It hands back exactly twice the true gradient, for parameters and input alike (seen with finite
 *       differences on the GRU and fused LSTM layers and on a plain dense one). Adam would hide it; SGD, clipping
 *       and L2 would not. The gradient is linear in the error from above, so halving that error is exact.
 *   <li>It never reads the configured {@code IDropout}, so a dropout set on a SameDiff layer would be silently
 *       ignored. Here it drops inputs in training only, and its mask scales the gradient passed to the layer
 *       below, as DL4J's {@code BaseLayer} does.
 * </ul>
 */
final class CorrectedSameDiffLayer extends SameDiffLayer {

    CorrectedSameDiffLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        applyDropOutIfNecessary(training, workspaceMgr);
        return super.activate(training, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        Pair<Gradient, INDArray> gradients = super.backpropGradient(epsilon.mul(0.5), workspaceMgr);
        return new Pair<>(gradients.getFirst(), backpropDropOutIfPresent(gradients.getSecond()));
    }
}
