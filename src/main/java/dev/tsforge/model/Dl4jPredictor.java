package dev.tsforge.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

/**
 * Forecasts with a trained network. {@link MultiLayerNetwork#output} is synchronized and keeps no recurrent
 * state between calls (unlike {@code rnnTimeStep}), so one instance may serve concurrent requests.
 */
final class Dl4jPredictor implements Predictor {

    private final MultiLayerNetwork network;
    private final DataNormalization normalizer;
    private final int lookback;
    private final int outputSteps;

    Dl4jPredictor(MultiLayerNetwork network, DataNormalization normalizer, int lookback, int outputSteps) {
        this.network = network;
        this.normalizer = normalizer;
        this.lookback = lookback;
        this.outputSteps = outputSteps;
    }

    @Override
    public int lookback() {
        return lookback;
    }

    @Override
    public int outputSteps() {
        return outputSteps;
    }

    @Override
    public double[] forecast(double[] history, int horizon) {
        if (history.length < lookback) {
            throw new IllegalArgumentException("Need " + lookback + " values, got " + history.length);
        }
        double[] values = new double[lookback + horizon + outputSteps];
        System.arraycopy(history, history.length - lookback, values, 0, lookback);
        for (int done = 0; done < horizon; done += outputSteps) {
            INDArray input = Windows.input(values, done, lookback);
            normalizer.transform(input);
            INDArray output = network.output(input, false);
            normalizer.revertLabels(output);
            for (int h = 0; h < outputSteps; h++) {
                values[lookback + done + h] = output.getDouble(0, h);
            }
        }
        double[] forecast = new double[horizon];
        System.arraycopy(values, lookback, forecast, 0, horizon);
        return forecast;
    }
}
