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
        return of(segments, null, 0, lookback, outputSteps);
    }

    /**
     * As {@link #of(List, int, int)} with {@code width} covariate inputs after the value: features
     * {@code [windows, 1 + width, lookback]}.
     *
     * @param covariates per segment, its covariate columns at each of its steps ({@code [length][width]} flattened),
     *                   already led as the network reads them; null when {@code width} is 0
     */
    static DataSet of(List<double[]> segments, List<float[]> covariates, int width, int lookback, int outputSteps) {
        int count = count(segments, lookback, outputSteps);
        int inputs = 1 + width;
        float[] features = new float[count * inputs * lookback];
        float[] labels = new float[count * outputSteps];
        int w = 0;
        for (int s = 0; s < segments.size(); s++) {
            double[] segment = segments.get(s);
            for (int start = 0; start + lookback + outputSteps <= segment.length; start++, w++) {
                int base = w * inputs * lookback;
                for (int t = 0; t < lookback; t++) {
                    features[base + t] = (float) segment[start + t];
                    for (int c = 0; c < width; c++) {
                        features[base + (1 + c) * lookback + t] = covariates.get(s)[(start + t) * width + c];
                    }
                }
                for (int h = 0; h < outputSteps; h++) {
                    labels[w * outputSteps + h] = (float) segment[start + lookback + h];
                }
            }
        }
        return new DataSet(Nd4j.create(features, new long[] {count, inputs, lookback}, 'c'),
                Nd4j.create(labels, new long[] {count, outputSteps}, 'c'));
    }
}
