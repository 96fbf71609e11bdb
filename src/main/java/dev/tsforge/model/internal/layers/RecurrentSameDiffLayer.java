package dev.tsforge.model.internal.layers;

import java.util.Collection;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What tsforge's recurrent layer configurations share: {@code nIn} inputs and {@code nOut} units over
 * {@code timeSteps} steps of DL4J's recurrent layout {@code [batch, features, time]}, emitting the full sequence for a
 * stacked layer or only the last step's output. Fields are bean properties because DL4J stores the configuration as
 * JSON: their names are part of the model format.
 */
public abstract class RecurrentSameDiffLayer extends SameDiffLayer {

    private long nIn;
    private long nOut;
    private long timeSteps;
    private boolean lastStepOnly;

    /** For DL4J's JSON. */
    protected RecurrentSameDiffLayer() {
    }

    protected RecurrentSameDiffLayer(long nIn, long nOut, boolean lastStepOnly, WeightInit weightInit) {
        this.nIn = nIn;
        this.nOut = nOut;
        this.lastStepOnly = lastStepOnly;
        this.weightInit = weightInit;
    }

    /** The layer that runs in a network: {@link #runtimeLayer}, wired to its place and its parameters. */
    @Override
    public final org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        return runtimeLayer(conf, networkDataType).wire(layerIndex, layerParamsView,
                initializer().init(conf, layerParamsView, initializeParams));
    }

    /** The runtime layer that computes this configuration's function. */
    abstract StepLoopRuntimeLayer<?> runtimeLayer(NeuralNetConfiguration conf, DataType dataType);

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return lastStepOnly ? InputType.feedForward(nOut) : InputType.recurrent(nOut, timeSteps);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeRecurrent recurrent = (InputType.InputTypeRecurrent) inputType;
        if (nIn <= 0 || override) {
            nIn = recurrent.getSize();
        }
        timeSteps = recurrent.getTimeSeriesLength();
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    public long getNIn() {
        return nIn;
    }

    public void setNIn(long nIn) {
        this.nIn = nIn;
    }

    public long getNOut() {
        return nOut;
    }

    public void setNOut(long nOut) {
        this.nOut = nOut;
    }

    public long getTimeSteps() {
        return timeSteps;
    }

    public void setTimeSteps(long timeSteps) {
        this.timeSteps = timeSteps;
    }

    public boolean isLastStepOnly() {
        return lastStepOnly;
    }

    public void setLastStepOnly(boolean lastStepOnly) {
        this.lastStepOnly = lastStepOnly;
    }
}
