package dev.tsforge.model.internal.layers;

import dev.tsforge.model.internal.inference.JavaForward;
import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@code SimpleRnn}, the same configuration, parameters and initialisation, whose runtime trains through
 * {@link SimpleRnnStepLoop} ({@link SimpleRnnRuntimeLayer}). A subclass rather than a layer of its own, so that
 * everything DL4J does with a {@code SimpleRnn} (its JSON, {@code LastTimeStep}, the plain-Java forecasts of
 * {@link JavaForward}) holds unchanged; models saved with the stock layer load as before.
 */
public class SimpleRnnLayer extends SimpleRnn {

    /** For DL4J's JSON. */
    public SimpleRnnLayer() {
        this(new SimpleRnn.Builder());
    }

    public SimpleRnnLayer(SimpleRnn.Builder builder) {
        super(builder);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        SimpleRnnRuntimeLayer layer = new SimpleRnnRuntimeLayer(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(initializer().init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}
