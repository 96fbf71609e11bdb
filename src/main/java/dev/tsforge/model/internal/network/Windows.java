package dev.tsforge.model.internal.network;

import java.util.List;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Cuts series segments into examples: {@code lookback} values in, the next {@code outputSteps} values out. */
final class Windows {

    private Windows() {
    }

    /** How many windows the segments yield. */
    static int count(List<double[]> segments, int lookback, int outputSteps) {
        int windows = 0;
        for (double[] segment : segments) {
            windows += Math.max(0, segment.length - lookback - outputSteps + 1);
        }
        return windows;
    }

    /**
     * Features {@code [windows, 1, lookback]} (DL4J's batch, features, time), labels {@code [windows, outputSteps]},
     * in time order: the oldest window first. No window spans two segments.
     */
    static DataSet of(List<double[]> segments, int lookback, int outputSteps) {
        int count = count(segments, lookback, outputSteps);
        float[] features = new float[count * lookback];
        float[] labels = new float[count * outputSteps];
        int w = 0;
        for (double[] segment : segments) {
            for (int start = 0; start + lookback + outputSteps <= segment.length; start++, w++) {
                for (int t = 0; t < lookback; t++) {
                    features[w * lookback + t] = (float) segment[start + t];
                }
                for (int h = 0; h < outputSteps; h++) {
                    labels[w * outputSteps + h] = (float) segment[start + lookback + h];
                }
            }
        }
        return new DataSet(Nd4j.create(features, new long[] {count, NetworkFactory.FEATURES, lookback}, 'c'),
                Nd4j.create(labels, new long[] {count, outputSteps}, 'c'));
    }
}
