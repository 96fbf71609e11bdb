package dev.tsforge.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Split-conformal prediction intervals per horizon step: the absolute errors a model made, step by step, when it
 * forecast from rolling origins it was not fitted on. For a level {@code L} the half-width of step {@code k} is
 * the {@code ⌈(n + 1) L⌉}-th smallest of its {@code n} errors — a finite-sample guarantee of at least {@code L}
 * coverage when future errors behave like past ones. With too few errors for a level, there is no interval.
 *
 * @param errors for each step (1 … horizon), the sorted absolute errors at every calibration origin
 */
public record ConformalCalibration(int origins, List<double[]> errors) {

    /** Below this many origins even an 80 % interval would rest on a handful of errors: none is offered. */
    public static final int MIN_ORIGINS = 5;

    public ConformalCalibration {
        errors = List.copyOf(errors);
    }

    /**
     * @param actual   per origin, the {@code horizon} values that followed
     * @param forecast per origin, the model's forecast of them
     */
    public static ConformalCalibration of(List<double[]> actual, List<double[]> forecast) {
        int horizon = actual.isEmpty() ? 0 : actual.get(0).length;
        List<double[]> perStep = new ArrayList<>(horizon);
        for (int step = 0; step < horizon; step++) {
            int at = step;
            // a missing actual value (NaN, MASK policy) gives no error
            double[] errors = java.util.stream.IntStream.range(0, actual.size())
                    .mapToDouble(origin -> Math.abs(actual.get(origin)[at] - forecast.get(origin)[at]))
                    .filter(error -> !Double.isNaN(error))
                    .toArray();
            Arrays.sort(errors);
            perStep.add(errors);
        }
        return new ConformalCalibration(actual.size(), perStep);
    }

    public int horizon() {
        return errors.size();
    }

    /**
     * The half-width of a step (from 1) from the errors of every step pooled, each divided by the square root of its
     * step and the quantile scaled back by the square root of {@code step}: the width of a random walk's interval.
     * Needs far fewer origins than {@link #halfWidth} (a short series' 5 origins of 6 steps give 30 errors, enough
     * for 95 %) and reaches steps beyond the calibrated horizon; NaN when even the pooled errors are too few.
     */
    public double pooledHalfWidth(int step, double levelPercent) {
        return pooledQuantile(levelPercent) * Math.sqrt(step);
    }

    /**
     * The pooled half-width at step 1 (every step's is this times the square root of the step): one sort of all
     * the errors, which a forecast does once per level rather than once per step.
     */
    public double pooledQuantile(double levelPercent) {
        int count = errors.stream().mapToInt(e -> e.length).sum();
        double[] scaled = new double[count];
        int at = 0;
        for (int k = 0; k < errors.size(); k++) {
            for (double error : errors.get(k)) {
                scaled[at++] = error / Math.sqrt(k + 1);
            }
        }
        Arrays.sort(scaled);
        int rank = (int) Math.ceil((count + 1) * levelPercent / 100.0);
        return count < MIN_ORIGINS || rank > count ? Double.NaN : scaled[rank - 1];
    }

    /**
     * The interval half-width of a step (from 1) at a level in (0, 100), or NaN when the step is beyond the
     * calibrated horizon or the origins are too few for the level.
     */
    public double halfWidth(int step, double levelPercent) {
        if (step < 1 || step > errors.size()) {
            return Double.NaN;
        }
        double[] sorted = errors.get(step - 1);
        if (sorted.length < MIN_ORIGINS) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil((sorted.length + 1) * levelPercent / 100.0);
        return rank > sorted.length ? Double.NaN : sorted[rank - 1];
    }
}
