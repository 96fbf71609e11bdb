package dev.tsforge.model;

import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * Forecasts with a trained network. {@link MultiLayerNetwork#output} is synchronized and keeps no recurrent
 * state between calls (unlike {@code rnnTimeStep}), so one instance may serve concurrent requests.
 */
final class Dl4jPredictor implements Predictor {

    private final MultiLayerNetwork network;
    private final NormalizerStandardize normalizer;
    private final int lookback;

    Dl4jPredictor(MultiLayerNetwork network, NormalizerStandardize normalizer, int lookback) {
        this.network = network;
        this.normalizer = normalizer;
        this.lookback = lookback;
    }

    @Override
    public int lookback() {
        return lookback;
    }

    @Override
    public double[] forecast(double[] history, int horizon) {
        if (history.length < lookback) {
            throw new IllegalArgumentException("Need " + lookback + " values, got " + history.length);
        }
        double[] values = new double[lookback + horizon];
        System.arraycopy(history, history.length - lookback, values, 0, lookback);
        double[] forecast = new double[horizon];
        for (int step = 0; step < horizon; step++) {
            INDArray input = Windows.input(Arrays.copyOfRange(values, step, step + lookback), lookback);
            normalizer.transform(input);
            INDArray output = network.output(input, false);
            normalizer.revertLabels(output);
            forecast[step] = output.getDouble(0, 0);
            values[lookback + step] = forecast[step];
        }
        return forecast;
    }
}
