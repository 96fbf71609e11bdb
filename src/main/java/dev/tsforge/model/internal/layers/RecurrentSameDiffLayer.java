package dev.tsforge.model.internal.layers;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.weights.WeightInit;

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
