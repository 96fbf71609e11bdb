package dev.tsforge.model.internal.network;

import java.util.Arrays;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Windows over a whole grid with missing values (NaN), for the MASK gap policy: a missing input step gets feature
 * mask 0 (DL4J's recurrent layers then zero their state there, so what follows starts afresh), a missing target
 * gets label mask 0 (it adds nothing to the loss). A window is kept when its last input step and at least one
 * target are observed: a forecast always starts from an observed value.
 */
final class MaskedWindows {

    private MaskedWindows() {
    }

    static int count(double[] grid, int lookback, int outputSteps) {
        int windows = 0;
        for (int start = 0; start + lookback + outputSteps <= grid.length; start++) {
            windows += usable(grid, start, lookback, outputSteps) ? 1 : 0;
        }
        return windows;
    }

    /**
     * Features {@code [windows, 1, lookback]} with masks {@code [windows, lookback]}, labels
     * {@code [windows, outputSteps]} with masks of the same shape, oldest window first. Missing values are 0 in the
     * arrays: they are masked, so any finite value would do.
     */
    static DataSet of(double[] grid, int lookback, int outputSteps) {
        int count = count(grid, lookback, outputSteps);
        float[] features = new float[count * lookback];
        float[] featureMask = new float[count * lookback];
        float[] labels = new float[count * outputSteps];
        float[] labelMask = new float[count * outputSteps];
        int w = 0;
        for (int start = 0; start + lookback + outputSteps <= grid.length; start++) {
            if (!usable(grid, start, lookback, outputSteps)) {
                continue;
            }
            for (int t = 0; t < lookback; t++) {
                double value = grid[start + t];
                features[w * lookback + t] = Double.isNaN(value) ? 0f : (float) value;
                featureMask[w * lookback + t] = Double.isNaN(value) ? 0f : 1f;
            }
            for (int h = 0; h < outputSteps; h++) {
                double value = grid[start + lookback + h];
                labels[w * outputSteps + h] = Double.isNaN(value) ? 0f : (float) value;
                labelMask[w * outputSteps + h] = Double.isNaN(value) ? 0f : 1f;
            }
            w++;
        }
        return new DataSet(Nd4j.create(features, new long[] {count, NetworkFactory.FEATURES, lookback}, 'c'),
                Nd4j.create(labels, new long[] {count, outputSteps}, 'c'),
                Nd4j.create(featureMask, new long[] {count, lookback}, 'c'),
                Nd4j.create(labelMask, new long[] {count, outputSteps}, 'c'));
    }

    /**
     * The observed input values of some windows alone, as a data set a normaliser can be fitted on (each value its
     * own one-step example, its label the same value): masked zeros must not shift the mean and spread, and DL4J's
     * normalisers read masks only for time-series labels.
     */
    static DataSet observedValues(DataSet windows) {
        float[] values = windows.getFeatures().dup('c').data().asFloat();
        float[] mask = windows.getFeaturesMaskArray().dup('c').data().asFloat();
        int outputSteps = (int) windows.getLabels().size(1);
        int observed = 0;
        for (float m : mask) {
            observed += m > 0 ? 1 : 0;
        }
        float[] features = new float[observed];
        float[] labels = new float[observed * outputSteps];
        int i = 0;
        for (int k = 0; k < values.length; k++) {
            if (mask[k] > 0) {
                features[i] = values[k];
                Arrays.fill(labels, i * outputSteps, (i + 1) * outputSteps, values[k]);
                i++;
            }
        }
        return new DataSet(Nd4j.create(features, new long[] {observed, NetworkFactory.FEATURES, 1}, 'c'),
                Nd4j.create(labels, new long[] {observed, outputSteps}, 'c'));
    }

    private static boolean usable(double[] grid, int start, int lookback, int outputSteps) {
        if (Double.isNaN(grid[start + lookback - 1])) {
            return false;
        }
        for (int h = 0; h < outputSteps; h++) {
            if (!Double.isNaN(grid[start + lookback + h])) {
                return true;
            }
        }
        return false;
    }
}
