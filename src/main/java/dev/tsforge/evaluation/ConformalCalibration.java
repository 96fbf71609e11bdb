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
 * <p>Errors are <em>normalised</em> (locally adaptive conformal prediction) when it has a {@code scale}: each
 * origin's errors are divided by the scale of the values the model read there — the mean absolute one-step change
 * of its newest {@code scale.window()} values — and a forecast's half-widths are multiplied by the scale of its own
 * input. A series whose level or volatility has grown (a trend in a multiplicative world, a sunspot cycle of larger
 * amplitude) would otherwise get the errors of its calmer past. Calibrations stored before normalisation existed
 * read as absolute (no {@code scale}).
 *
 * @param errors for each step (1 … horizon), the sorted errors at every calibration origin, in units of the
 *               origin's scale when normalised
 * @param scale  how errors were normalised; null: they are absolute
 */
public record ConformalCalibration(int origins, List<double[]> errors, Scale scale) {

    /**
     * @param window how many of an input's newest values its scale is measured on
     * @param floor  the smallest scale any calibration origin had: a forecast's scale is never taken below it, so
     *               that an input calmer than anything calibrated on does not shrink the interval to nothing
     */
    public record Scale(int window, double floor) {
    }

    /** Below this many origins even an 80 % interval would rest on a handful of errors: none is offered. */
    public static final int MIN_ORIGINS = 5;

    public ConformalCalibration {
        errors = List.copyOf(errors);
    }

    /** Absolute errors. */
    public ConformalCalibration(int origins, List<double[]> errors) {
        this(origins, errors, null);
    }

    /**
     * Normalised errors: each origin's divided by the scale of its input ({@link #scaleOf}); absolute where some
     * input has no scale at all (a flat stretch), which no division can describe.
     *
     * @param inputs per origin, the values the model read (at least its last {@code scaleWindow})
     */
    public static ConformalCalibration normalised(List<double[]> actual, List<double[]> forecast,
            List<double[]> inputs, int scaleWindow) {
        double[] scales = inputs.stream().mapToDouble(input -> scaleOf(input, scaleWindow)).toArray();
        if (scaleWindow < 2 || Arrays.stream(scales).anyMatch(scale -> !(scale > 0))) {
            return of(actual, forecast);
        }
        List<double[]> scaledActual = new ArrayList<>(actual.size());
        List<double[]> scaledForecast = new ArrayList<>(actual.size());
        for (int o = 0; o < actual.size(); o++) {
            double scale = scales[o];
            scaledActual.add(Arrays.stream(actual.get(o)).map(value -> value / scale).toArray());
            scaledForecast.add(Arrays.stream(forecast.get(o)).map(value -> value / scale).toArray());
        }
        ConformalCalibration scaled = of(scaledActual, scaledForecast);
        return new ConformalCalibration(scaled.origins(), scaled.errors(),
                new Scale(scaleWindow, Arrays.stream(scales).min().orElse(0)));
    }

    /**
     * The mean absolute one-step change over the newest {@code window} values of an input (pairs with a missing
     * value skipped); 0 when there is no change to measure.
     */
    public static double scaleOf(double[] input, int window) {
        double sum = 0;
        int pairs = 0;
        for (int t = Math.max(1, input.length - window + 1); t < input.length; t++) {
            double change = Math.abs(input[t] - input[t - 1]);
            if (!Double.isNaN(change)) {
                sum += change;
                pairs++;
            }
        }
        return pairs == 0 ? 0 : sum / pairs;
    }

    /**
     * What this calibration's half-widths are multiplied by for a forecast from {@code input}: 1 for absolute
     * errors, else the input's scale, at least the calmest calibration origin's.
     */
    public double scaleFor(double[] input) {
        return scale == null ? 1 : Math.max(scaleOf(input, scale.window()), scale.floor());
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
