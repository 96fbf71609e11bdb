package dev.tsforge.model;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Cuts series segments into many-to-one examples: {@code lookback} values in, the next value out. */
final class Windows {

    private Windows() {
    }

    /** Features {@code [windows, 1, lookback]} (DL4J's batch, features, time), labels {@code [windows, 1]}. */
    static DataSet of(List<double[]> segments, int lookback) {
        int count = NetworkTrainer.windowCount(segments, lookback);
        float[] features = new float[count * lookback];
        float[] labels = new float[count];
        int w = 0;
        for (double[] segment : segments) {
            for (int start = 0; start + lookback < segment.length; start++, w++) {
                for (int t = 0; t < lookback; t++) {
                    features[w * lookback + t] = (float) segment[start + t];
                }
                labels[w] = (float) segment[start + lookback];
            }
        }
        return new DataSet(Nd4j.create(features, new long[] {count, NetworkFactory.FEATURES, lookback}, 'c'),
                Nd4j.create(labels, new long[] {count, 1}, 'c'));
    }

    /** One input window {@code [1, 1, lookback]} from the last {@code lookback} values. */
    static INDArray input(double[] values, int lookback) {
        INDArray window = Nd4j.create(DataType.FLOAT, 1, NetworkFactory.FEATURES, lookback);
        int offset = values.length - lookback;
        for (int t = 0; t < lookback; t++) {
            window.putScalar(new long[] {0, 0, t}, values[offset + t]);
        }
        return window;
    }
}
