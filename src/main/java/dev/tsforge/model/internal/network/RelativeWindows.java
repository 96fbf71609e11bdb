package dev.tsforge.model.internal.network;

import dev.tsforge.model.SpecOptions;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link SpecOptions.Normalization#LAST_VALUE}: windows as changes from their last input value. Every window ends on
 * an observed value (MASK windows too), which anchors it; masked inputs stay as they are, being unread.
 * {@link SpecOptions.Normalization#WINDOW} also divides each window, inputs and targets, by its inputs' spread
 * ({@link #spread}), so that one network reads series of every scale alike; a forecast is multiplied back by the
 * spread of the window it was made from. ND4J has no preprocessor that does this: its normalisers
 * ({@code NormalizerStandardize}, {@code NormalizerMinMaxScaler}, {@code ImagePreProcessingScaler}) fit one set of
 * statistics on the whole data and cannot revert a label by the statistics of its own example.
 */
final class RelativeWindows {

    private RelativeWindows() {
    }

    /**
     * A window flatter than this share of its mean absolute value is taken to move by that much, so that a constant
     * window is not divided by 0. Small on purpose: a series whose season moves it by 0.1 % of its level (a level of
     * 1,000, an amplitude of 1) must keep its shape; a floor of 1 % squashed such members to a flat line.
     */
    static final double FLAT = 1e-6;
    /**
     * The largest scaled target a WINDOW training window keeps (in spreads of its inputs): a near-flat window
     * followed by an ordinary change would otherwise give a target of thousands, which the global standardisation
     * and the squared loss would both be dominated by. Forecasts are not limited.
     */
    static final float TARGET_LIMIT = 10f;

    /** The windows with inputs and targets minus each window's last input value. */
    static DataSet of(DataSet windows) {
        return of(windows, false);
    }

    /**
     * The windows with inputs and targets minus each window's last input value and, when {@code scaled}, divided by
     * the spread of the window's inputs.
     */
    static DataSet of(DataSet windows, boolean scaled) {
        long[] featureShape = windows.getFeatures().shape();
        long[] labelShape = windows.getLabels().shape();
        int count = (int) featureShape[0];
        // the value is input 0; covariates (calendar columns) after it are not relative to anything
        int stride = (int) (featureShape[1] * featureShape[2]);
        int lookback = (int) featureShape[2];
        int outputSteps = (int) labelShape[1];
        float[] features = windows.getFeatures().dup('c').data().asFloat();
        float[] labels = windows.getLabels().dup('c').data().asFloat();
        float[] mask = windows.getFeaturesMaskArray() == null ? null
                : windows.getFeaturesMaskArray().dup('c').data().asFloat();
        for (int w = 0; w < count; w++) {
            int base = w * stride;
            float anchor = features[base + lookback - 1];
            double[] inputs = new double[lookback];
            for (int t = 0; t < lookback; t++) {
                boolean observed = mask == null || mask[w * lookback + t] > 0;
                inputs[t] = observed ? features[base + t] : Double.NaN;
            }
            double spread = scaled ? spread(inputs, 0, lookback) : 1;
            for (int t = 0; t < lookback; t++) {
                if (mask == null || mask[w * lookback + t] > 0) {
                    features[base + t] = (float) ((features[base + t] - anchor) / spread);
                }
            }
            for (int h = 0; h < outputSteps; h++) {
                float target = (float) ((labels[w * outputSteps + h] - anchor) / spread);
                labels[w * outputSteps + h] = scaled ? Math.max(-TARGET_LIMIT, Math.min(TARGET_LIMIT, target)) : target;
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

    /**
     * What a WINDOW window is divided by: the standard deviation of its observed values in {@code [from, to)}, at
     * least {@link #FLAT} of their mean absolute value; 1 for a window of zeros (or of nothing observed), which
     * leaves it in the series' own units.
     */
    static double spread(double[] values, int from, int to) {
        double sum = 0;
        double absolute = 0;
        int observed = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(values[i])) {
                sum += values[i];
                absolute += Math.abs(values[i]);
                observed++;
            }
        }
        if (observed == 0) {
            return 1;
        }
        double mean = sum / observed;
        double squares = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(values[i])) {
                squares += (values[i] - mean) * (values[i] - mean);
            }
        }
        double spread = Math.max(Math.sqrt(squares / observed), FLAT * absolute / observed);
        return spread > 0 ? spread : 1;
    }
}
