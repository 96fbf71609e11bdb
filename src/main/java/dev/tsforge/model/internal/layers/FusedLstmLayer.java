package dev.tsforge.model.internal.layers;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMActivations;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDataFormat;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDirectionMode;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMLayerConfig;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.weights.LSTMLayerWeights;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The function of DL4J's {@code LSTM} layer (no peepholes, sigmoid gates, forget-gate bias initialised to 1), faster:
 * inference is ND4J's fused {@code lstmLayer} op, one native call per sequence where DL4J's layer loops over time
 * steps in Java with many small ops per step; training runs {@link LstmStepLoop}, a step loop of few ops with
 * everything that does not depend on the previous step done for all steps at once, because ND4J's fused backward op
 * ({@code lstmLayer_bp}, M2.1) never frees its memory. {@code bench/RESULTS.md} has what this buys in training and
 * serving.
 *
 * <p>Parameters keep DL4J's shapes ({@code W [nIn, 4n]}, {@code RW [n, 4n]}, {@code b [4n]}) but the op's gate
 * order {@code [input, forget, block input, output]}; DL4J's is {@code [block input, forget, output, input]}. The
 * forget block sits at {@code [n, 2n)} in both. The activation (tanh or ReLU) applies to the block input and to the
 * cell state before the output gate, as in DL4J's layer.
 *
 * <p>Input is DL4J's recurrent layout {@code [batch, nIn, time]}, which the op reads directly (NST). Output is the
 * full sequence {@code [batch, n, time]} for a stacked layer, or only the last output {@code [batch, n]}. Fields are
 * bean properties because DL4J stores the configuration as JSON. The runtime layer is a {@link FusedLstmRuntimeLayer};
 * the SameDiff graph of {@link #defineLayer} describes the same function but is not run.
 */
public class FusedLstmLayer extends RecurrentSameDiffLayer {

    public static final String INPUT_WEIGHTS = "W";
    public static final String RECURRENT_WEIGHTS = "RW";
    public static final String BIAS = "b";
    /** DL4J's default: forget gates start nearly open, so that early training does not wash out the memory. */
    static final double FORGET_GATE_BIAS = 1.0;

    private LSTMActivations cellActivation = LSTMActivations.TANH;

    /** For DL4J's JSON. */
    public FusedLstmLayer() {
    }

    public FusedLstmLayer(long nIn, long nOut, boolean lastStepOnly, LSTMActivations cellActivation,
            WeightInit weightInit) {
        super(nIn, nOut, lastStepOnly, weightInit);
        this.cellActivation = cellActivation;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        // the Java wrapper passes cellAct and outAct to the op swapped; both are the same activation here
        LSTMLayerConfig config = LSTMLayerConfig.builder()
                .lstmdataformat(LSTMDataFormat.NST)
                .directionMode(LSTMDirectionMode.FWD)
                .gateAct(LSTMActivations.SIGMOID)
                .cellAct(cellActivation)
                .outAct(cellActivation)
                .retFullSequence(!isLastStepOnly())
                .retLastH(isLastStepOnly())
                .retLastC(false)
                .build();
        LSTMLayerWeights weights = LSTMLayerWeights.builder()
                .weights(params.get(INPUT_WEIGHTS))
                .rWeights(params.get(RECURRENT_WEIGHTS))
                .bias(params.get(BIAS))
                .build();
        return sd.rnn().lstmLayer(input, weights, config)[0];
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(INPUT_WEIGHTS, getNIn(), 4 * getNOut());
        params.addWeightParam(RECURRENT_WEIGHTS, getNOut(), 4 * getNOut());
        // a vector, as the op takes it (DL4J's LSTM keeps its bias as a vector too)
        params.addBiasParam(BIAS, 4 * getNOut());
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // fan-in and fan-out as DL4J's LSTMParamInitializer counts them, so that the initial scale is the stock one
        initWeights((int) getNOut(), (int) (getNIn() + getNOut()), weightInit, params.get(INPUT_WEIGHTS));
        initWeights((int) getNOut(), (int) (getNIn() + getNOut()), weightInit, params.get(RECURRENT_WEIGHTS));
        INDArray bias = params.get(BIAS).assign(0);
        bias.get(NDArrayIndex.interval(getNOut(), 2 * getNOut())).assign(FORGET_GATE_BIAS);
    }

    /** {@link LstmStepLoop} forward and backward, not the SameDiff graph of {@link #defineLayer}. */
    @Override
    StepLoopRuntimeLayer<?> runtimeLayer(NeuralNetConfiguration conf, DataType dataType) {
        return new FusedLstmRuntimeLayer(conf, dataType);
    }

    public LSTMActivations getCellActivation() {
        return cellActivation;
    }

    public void setCellActivation(LSTMActivations cellActivation) {
        this.cellActivation = cellActivation;
    }
}
