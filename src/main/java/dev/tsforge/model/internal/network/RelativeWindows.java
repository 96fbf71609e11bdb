package dev.tsforge.model.internal.network;

import dev.tsforge.model.SpecOptions;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link SpecOptions.Normalization#LAST_VALUE}: windows as changes from their last input value. Every window ends on
 * an observed value (MASK windows too), which anchors it; masked inputs stay as they are, being unread.
 */
final class RelativeWindows {

    private RelativeWindows() {
    }

    /** The windows with inputs and targets minus each window's last input value. */
    static DataSet of(DataSet windows) {
        long[] featureShape = windows.getFeatures().shape();
        long[] labelShape = windows.getLabels().shape();
        int count = (int) featureShape[0];
        int lookback = (int) featureShape[2];
        int outputSteps = (int) labelShape[1];
        float[] features = windows.getFeatures().dup('c').data().asFloat();
        float[] labels = windows.getLabels().dup('c').data().asFloat();
        float[] mask = windows.getFeaturesMaskArray() == null ? null
                : windows.getFeaturesMaskArray().dup('c').data().asFloat();
        for (int w = 0; w < count; w++) {
            float anchor = features[w * lookback + lookback - 1];
            for (int t = 0; t < lookback; t++) {
                if (mask == null || mask[w * lookback + t] > 0) {
                    features[w * lookback + t] -= anchor;
                }
            }
            for (int h = 0; h < outputSteps; h++) {
                labels[w * outputSteps + h] -= anchor;
            }
        }
        return new DataSet(Nd4j.create(features, featureShape, 'c'), Nd4j.create(labels, labelShape, 'c'),
                windows.getFeaturesMaskArray(), windows.getLabelsMaskArray());
    }

    /** The value a forecast window is relative to: its last observed value (0 when none is). */
    static double anchor(double[] values, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (!Double.isNaN(values[i])) {
                return values[i];
            }
        }
        return 0;
    }
}
