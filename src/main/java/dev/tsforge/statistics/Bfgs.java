package dev.tsforge.statistics;

import java.util.function.ToDoubleFunction;

/**
 * Variable-metric (BFGS) minimisation laid out as R's {@code optim(method = "BFGS")} (Nash's {@code vmmin}) with
 * optim's central-difference gradient, which stats::arima runs: the same parameter scaling, gradient steps, line
 * search and stopping rule, so that a fit lands where R's does on a likelihood that often has several optima.
 */
final class Bfgs {

    /** optim's defaults for BFGS. */
    static final int MAX_ITERATIONS = 100;
    private static final double RELATIVE_TOLERANCE = 1.490116119384765625e-8;
    private static final double GRADIENT_STEP = 1e-3;
    private static final double STEP_REDUCTION = 0.2;
    private static final double ACCEPTANCE = 1e-4;
    private static final double RELATIVE_TEST = 10.0;

    private Bfgs() {
    }

    /** The minimum found and whether the iterations ran out first (optim's convergence code 1). */
    record Result(double[] point, double value, boolean exhausted) {
    }

    /** Thrown where optim stops with an error: a start or a gradient that cannot be evaluated. */
    static final class NotEvaluable extends RuntimeException {
        NotEvaluable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Minimises {@code function} from {@code start}; {@code scale} is optim's {@code parscale} (the search runs on
     * {@code x / scale}).
     */
    static Result minimize(ToDoubleFunction<double[]> function, double[] start, double[] scale, int maxIterations) {
        int n = start.length;
        ToDoubleFunction<double[]> scaled = u -> {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = u[i] * scale[i];
            }
            return function.applyAsDouble(x);
        };
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = start[i] / scale[i];
        }
        if (n == 0) {
            return new Result(start.clone(), function.applyAsDouble(start), false);
        }
        double f = scaled.applyAsDouble(b);
        if (!Double.isFinite(f)) {
            throw new NotEvaluable("initial value in 'vmmin' is not finite");
        }
        double fmin = f;
        double[] g = gradient(scaled, b);
        int iterations = 1;
        int gradients = 1;
        int lastReset = gradients;
        double[][] h = new double[n][n];
        double[] x = new double[n];
        double[] c = new double[n];
        double[] t = new double[n];
        int count;
        do {
            if (lastReset == gradients) {
                for (int i = 0; i < n; i++) {
                    java.util.Arrays.fill(h[i], 0);
                    h[i][i] = 1;
                }
            }
            System.arraycopy(b, 0, x, 0, n);
            System.arraycopy(g, 0, c, 0, n);
            double slope = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j <= i; j++) {
                    s -= h[i][j] * g[j];
                }
                for (int j = i + 1; j < n; j++) {
                    s -= h[j][i] * g[j];
                }
                t[i] = s;
                slope += s * g[i];
            }
            if (slope < 0) {
                double step = 1;
                boolean accepted = false;
                do {
                    count = 0;
                    for (int i = 0; i < n; i++) {
                        b[i] = x[i] + step * t[i];
                        if (RELATIVE_TEST + x[i] == RELATIVE_TEST + b[i]) {
                            count++;
                        }
                    }
                    if (count < n) {
                        f = scaled.applyAsDouble(b);
                        accepted = Double.isFinite(f) && f <= fmin + slope * step * ACCEPTANCE;
                        if (!accepted) {
                            step *= STEP_REDUCTION;
                        }
                    }
                } while (!(count == n || accepted));
                boolean enough = f > Double.NEGATIVE_INFINITY
                        && Math.abs(f - fmin) > RELATIVE_TOLERANCE * (Math.abs(fmin) + RELATIVE_TOLERANCE);
                if (!enough) {
                    count = n;
                    fmin = f;
                }
                if (count < n) {
                    fmin = f;
                    g = gradient(scaled, b);
                    gradients++;
                    iterations++;
                    double d1 = 0;
                    for (int i = 0; i < n; i++) {
                        t[i] *= step;
                        c[i] = g[i] - c[i];
                        d1 += t[i] * c[i];
                    }
                    if (d1 > 0) {
                        double d2 = 0;
                        for (int i = 0; i < n; i++) {
                            double s = 0;
                            for (int j = 0; j <= i; j++) {
                                s += h[i][j] * c[j];
                            }
                            for (int j = i + 1; j < n; j++) {
                                s += h[j][i] * c[j];
                            }
                            x[i] = s;
                            d2 += s * c[i];
                        }
                        d2 = 1 + d2 / d1;
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j <= i; j++) {
                                h[i][j] += (d2 * t[i] * t[j] - x[i] * t[j] - t[i] * x[j]) / d1;
                            }
                        }
                    } else {
                        lastReset = gradients;
                    }
                } else if (lastReset < gradients) {
                    count = 0;
                    lastReset = gradients;
                }
            } else {
                count = 0;
                if (lastReset == gradients) {
                    count = n;
                } else {
                    lastReset = gradients;
                }
            }
            if (iterations >= maxIterations) {
                break;
            }
            if (gradients - lastReset > 2 * n) {
                lastReset = gradients;
            }
        } while (count != n || lastReset != gradients);
        double[] point = new double[n];
        for (int i = 0; i < n; i++) {
            point[i] = b[i] * scale[i];
        }
        return new Result(point, fmin, iterations >= maxIterations);
    }

    /** optim's numerical gradient: central differences with steps of 1e-3 on the scaled parameters. */
    private static double[] gradient(ToDoubleFunction<double[]> function, double[] b) {
        int n = b.length;
        double[] g = new double[n];
        double[] probe = b.clone();
        for (int i = 0; i < n; i++) {
            probe[i] = b[i] + GRADIENT_STEP;
            double up = function.applyAsDouble(probe);
            probe[i] = b[i] - GRADIENT_STEP;
            double down = function.applyAsDouble(probe);
            probe[i] = b[i];
            g[i] = (up - down) / (2 * GRADIENT_STEP);
            if (!Double.isFinite(g[i])) {
                throw new NotEvaluable("non-finite finite-difference value [" + (i + 1) + "]");
            }
        }
        return g;
    }
}
