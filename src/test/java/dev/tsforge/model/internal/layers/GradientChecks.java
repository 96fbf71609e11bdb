package dev.tsforge.model.internal.layers;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Gradients of a double-precision network, by backpropagation and against finite differences. */
final class GradientChecks {

    private GradientChecks() {
    }

    /** Whether every parameter's gradient matches central finite differences (relative error ≤ 1e-3). */
    static boolean matchFiniteDifferences(MultiLayerNetwork network, INDArray input, INDArray labels) {
        DataType global = Nd4j.dataType();
        // GradientCheckUtil insists on double as ND4J's global default, not only as the network's type
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(network).input(input)
                    .labels(labels).epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        } finally {
            Nd4j.setDefaultDataTypes(global, global);
        }
    }

    /** The flattened gradient of all parameters for one minibatch (a copy). */
    static INDArray gradient(MultiLayerNetwork network, INDArray input, INDArray labels) {
        network.setInput(input);
        network.setLabels(labels);
        network.computeGradientAndScore();
        return network.gradient().gradient().dup();
    }
}
