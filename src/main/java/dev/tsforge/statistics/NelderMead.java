package dev.tsforge.statistics;

import java.util.function.ToDoubleFunction;

/**
 * Nelder-Mead simplex minimisation laid out as R's {@code optim(method = "Nelder-Mead")} (Nash's {@code nmmin}),
 * which forecast::ets runs: the same first simplex (steps of a tenth of the largest coordinate), the same reflection,
 * expansion and contraction coefficients and the same relative stopping rule, so that a fit lands where R's does
 * rather than at another point of a flat likelihood.
 */
final class NelderMead {

    /** R's stand-in for a value that cannot be evaluated: it keeps the simplex away without breaking the ordering. */
    private static final double BIG = 1.0e35;

    private static final double REFLECTION = 1.0;
    private static final double CONTRACTION = 0.5;
    private static final double EXPANSION = 2.0;

    private NelderMead() {
    }

    /** The best point found, its value and how many evaluations it took. */
    record Result(double[] point, double value, int evaluations) {
    }

    /**
     * Minimises {@code function} from {@code start} until the simplex's values agree to {@code relativeTolerance}
     * or {@code maxEvaluations} have been spent. The start must have a finite value.
     */
    static Result minimize(ToDoubleFunction<double[]> function, double[] start, double relativeTolerance,
            int maxEvaluations) {
        int n = start.length;
        double[] b = start.clone();
        double f = function.applyAsDouble(b);
        if (!Double.isFinite(f)) {
            throw new IllegalArgumentException("the function cannot be evaluated at the starting point");
        }
        int evaluations = 1;
        double tolerance = relativeTolerance * (Math.abs(f) + relativeTolerance);
        int n1 = n + 1;
        // p[j] is vertex j, value[j] its value; vertex n1 is the centroid's slot
        double[][] p = new double[n1 + 1][];
        double[] value = new double[n1 + 1];
        p[0] = b.clone();
        value[0] = f;
        double step = 0;
        for (double coordinate : b) {
            step = Math.max(step, 0.1 * Math.abs(coordinate));
        }
        if (step == 0) {
            step = 0.1;
        }
        double size = 0;
        for (int j = 1; j < n1; j++) {
            p[j] = b.clone();
            double tryStep = step;
            while (p[j][j - 1] == b[j - 1]) {
                p[j][j - 1] = b[j - 1] + tryStep;
                tryStep *= 10;
            }
            size += tryStep;
        }
        p[n1] = new double[n];
        double oldSize = size;
        boolean evaluateVertices = true;
        int low = 0;
        while (true) {
            if (evaluateVertices) {
                for (int j = 0; j < n1; j++) {
                    if (j != low) {
                        value[j] = finite(function.applyAsDouble(p[j]));
                        evaluations++;
                    }
                }
                evaluateVertices = false;
            }
            double valueLow = value[low];
            double valueHigh = valueLow;
            int high = low;
            for (int j = 0; j < n1; j++) {
                if (j != low) {
                    if (value[j] < valueLow) {
                        low = j;
                        valueLow = value[j];
                    }
                    if (value[j] > valueHigh) {
                        high = j;
                        valueHigh = value[j];
                    }
                }
            }
            if (valueHigh <= valueLow + tolerance) {
                break;
            }
            double[] centroid = p[n1];
            for (int i = 0; i < n; i++) {
                double sum = -p[high][i];
                for (int j = 0; j < n1; j++) {
                    sum += p[j][i];
                }
                centroid[i] = sum / n;
            }
            for (int i = 0; i < n; i++) {
                b[i] = (1 + REFLECTION) * centroid[i] - REFLECTION * p[high][i];
            }
            double valueReflected = finite(function.applyAsDouble(b));
            evaluations++;
            if (valueReflected < valueLow) {
                value[n1] = valueReflected;
                for (int i = 0; i < n; i++) {
                    double expanded = EXPANSION * b[i] + (1 - EXPANSION) * centroid[i];
                    centroid[i] = b[i];
                    b[i] = expanded;
                }
                f = finite(function.applyAsDouble(b));
                evaluations++;
                if (f < valueReflected) {
                    System.arraycopy(b, 0, p[high], 0, n);
                    value[high] = f;
                } else {
                    System.arraycopy(centroid, 0, p[high], 0, n);
                    value[high] = valueReflected;
                }
            } else {
                if (valueReflected < valueHigh) {
                    System.arraycopy(b, 0, p[high], 0, n);
                    value[high] = valueReflected;
                }
                for (int i = 0; i < n; i++) {
                    b[i] = (1 - CONTRACTION) * p[high][i] + CONTRACTION * centroid[i];
                }
                f = finite(function.applyAsDouble(b));
                evaluations++;
                if (f < value[high]) {
                    System.arraycopy(b, 0, p[high], 0, n);
                    value[high] = f;
                } else if (valueReflected >= valueHigh) {
                    evaluateVertices = true;
                    size = 0;
                    for (int j = 0; j < n1; j++) {
                        if (j != low) {
                            for (int i = 0; i < n; i++) {
                                p[j][i] = CONTRACTION * (p[j][i] - p[low][i]) + p[low][i];
                                size += Math.abs(p[j][i] - p[low][i]);
                            }
                        }
                    }
                    if (size < oldSize) {
                        oldSize = size;
                    } else {
                        break; // the simplex no longer shrinks: R stops here too
                    }
                }
            }
            if (evaluations > maxEvaluations) {
                break;
            }
        }
        return new Result(p[low].clone(), value[low], evaluations);
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : BIG;
    }
}
