package dev.tsforge.statistics;

import java.util.Arrays;

/** Missing values (NaN) filled for methods that need a complete history. */
public final class Gaps {

    private Gaps() {
    }

    /**
     * The last {@code count} values before index {@code end} (fewer when there are fewer), missing ones filled as
     * {@link #fillLinear} fills them: the window a statistical method is fitted on.
     */
    public static double[] lastFilled(double[] values, int end, int count) {
        return fillLinear(Arrays.copyOfRange(values, Math.max(0, end - count), end));
    }

    /**
     * Linear interpolation between the observed neighbours; before the first and after the last observed value,
     * that value. A copy: the input is left as it is.
     *
     * @throws IllegalArgumentException when no value is observed
     */
    public static double[] fillLinear(double[] values) {
        double[] filled = values.clone();
        int previous = -1;
        for (int t = 0; t < filled.length; t++) {
            if (Double.isNaN(filled[t])) {
                continue;
            }
            if (previous < 0) {
                Arrays.fill(filled, 0, t, filled[t]);
            } else {
                for (int k = previous + 1; k < t; k++) {
                    filled[k] = filled[previous] + (filled[t] - filled[previous]) * (k - previous) / (t - previous);
                }
            }
            previous = t;
        }
        if (previous < 0) {
            throw new IllegalArgumentException("no observed value to fill from");
        }
        Arrays.fill(filled, previous + 1, filled.length, filled[previous]);
        return filled;
    }
}
