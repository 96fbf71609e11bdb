package dev.tsforge.statistics;

import dev.tsforge.statistics.EtsForm.Component;

/**
 * Forecast variances of ETS models, the three analytic classes of Hyndman, Koehler, Ord and Snyder (2008, ch. 6) as
 * forecast.ets computes them: class 1 (additive error, no or additive trend and season), class 2 (the same with a
 * multiplicative error) and class 3 (multiplicative error and season).
 */
final class EtsVariance {

    private EtsVariance() {
    }

    /** Class 1: {@code sigma2 (1 + c_1^2 + ... + c_{h-1}^2)}. */
    static double[] class1(EtsForm form, int m, EtsRecursion.Smoothing s, double sigma2, int horizon) {
        double[] c = impulses(form, m, s, horizon);
        double[] variance = new double[horizon];
        double sum = 0;
        for (int h = 0; h < horizon; h++) {
            variance[h] = sigma2 * (1 + sum);
            sum += c[h] * c[h];
        }
        return variance;
    }

    /** Class 2: the second moments theta grow through the same impulse responses as class 1. */
    static double[] class2(EtsForm form, int m, EtsRecursion.Smoothing s, double sigma2, double[] mean) {
        int horizon = mean.length;
        double[] c = impulses(form, m, s, horizon);
        double[] theta = new double[horizon];
        double[] variance = new double[horizon];
        for (int j = 0; j < horizon; j++) {
            double sum = 0;
            for (int i = 0; i < j; i++) {
                sum += c[i] * c[i] * theta[j - 1 - i];
            }
            theta[j] = mean[j] * mean[j] + sigma2 * sum;
            variance[j] = (1 + sigma2) * theta[j] - mean[j] * mean[j];
        }
        return variance;
    }

    /**
     * {@code c_j = H F^(j-1) G}, j = 1..horizon: how much an error now moves the forecast j steps ahead. The state
     * is level, slope?, seasonal states newest first; an error reaches the newest seasonal state through gamma.
     */
    private static double[] impulses(EtsForm form, int m, EtsRecursion.Smoothing s, int horizon) {
        boolean trend = form.hasTrend();
        boolean season = form.season() == Component.ADDITIVE;
        int first = trend ? 2 : 1;
        int p = first + (season ? m : 0);
        double slopeWeight = form.damped() ? s.phi() : 1;
        double[] v = new double[p];
        v[0] = s.alpha();
        if (trend) {
            v[1] = s.beta();
        }
        if (season) {
            v[first] = s.gamma();
        }
        double[] c = new double[horizon];
        for (int j = 0; j < horizon; j++) {
            c[j] = v[0] + (trend ? slopeWeight * v[1] : 0) + (season ? v[p - 1] : 0);
            // v <- F v: the level takes the damped slope, the seasonal states move one place older
            v[0] += trend ? slopeWeight * v[1] : 0;
            if (trend) {
                v[1] *= slopeWeight;
            }
            if (season) {
                double oldest = v[p - 1];
                System.arraycopy(v, first, v, first + 1, m - 1);
                v[first] = oldest;
            }
        }
        return c;
    }

    /**
     * Class 3: means and variances from the moments of the product of the (level, slope) and seasonal states,
     * propagated exactly with Kronecker products as in forecast's {@code class3}. Returns {mean, variance}.
     */
    static double[][] class3(EtsForm form, int m, EtsRecursion.Smoothing s, double[] last, double sigma2, int horizon) {
        int q = form.hasTrend() ? 2 : 1;
        double[][] h1 = Matrix.filled(1, q, 1);
        double[][] h2 = new double[1][m];
        h2[0][m - 1] = 1;
        double[][] f1;
        double[][] g1;
        if (q == 1) {
            f1 = new double[][] {{1}};
            g1 = new double[][] {{s.alpha()}};
        } else {
            f1 = new double[][] {{1, 1}, {0, form.damped() ? s.phi() : 1}};
            g1 = new double[][] {{s.alpha(), s.alpha()}, {s.beta(), s.beta()}};
        }
        double[][] f2 = new double[m][m];
        f2[0][m - 1] = 1;
        for (int i = 1; i < m; i++) {
            f2[i][i - 1] = 1;
        }
        double[][] g2 = new double[m][m];
        g2[0][m - 1] = s.gamma();
        double[][] mh = new double[q][m];
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < m; j++) {
                mh[i][j] = last[i] * last[q + j];
            }
        }
        int qm = q * m;
        double[][] vh = new double[qm][qm];
        double[][] h21 = Matrix.kron(h2, h1);
        double[][] f21 = Matrix.kron(f2, f1);
        double[][] g21 = Matrix.kron(g2, g1);
        double[][] k = Matrix.add(Matrix.kron(g2, f1), Matrix.kron(f2, g1));
        double[][] f21t = Matrix.transpose(f21);
        double[][] g21t = Matrix.transpose(g21);
        double[][] kt = Matrix.transpose(k);
        double[] mean = new double[horizon];
        double[] variance = new double[horizon];
        for (int i = 0; i < horizon; i++) {
            mean[i] = Matrix.multiply(Matrix.multiply(h1, mh), Matrix.transpose(h2))[0][0];
            double spread = Matrix.multiply(Matrix.multiply(h21, vh), Matrix.transpose(h21))[0][0];
            variance[i] = (1 + sigma2) * spread + sigma2 * mean[i] * mean[i];
            double[][] outer = Matrix.outer(Matrix.vec(mh));
            double[][] inner = Matrix.add(
                    Matrix.add(Matrix.multiply(Matrix.multiply(f21, vh), g21t), Matrix.multiply(Matrix.multiply(g21, vh), f21t)),
                    Matrix.add(Matrix.multiply(Matrix.multiply(k, Matrix.add(vh, outer)), kt),
                            Matrix.scale(sigma2, Matrix.multiply(Matrix.multiply(g21,
                                    Matrix.add(Matrix.scale(3, vh), Matrix.scale(2, outer))), g21t))));
            vh = Matrix.add(Matrix.multiply(Matrix.multiply(f21, vh), f21t), Matrix.scale(sigma2, inner));
            mh = Matrix.add(Matrix.multiply(Matrix.multiply(f1, mh), Matrix.transpose(f2)),
                    Matrix.scale(sigma2, Matrix.multiply(Matrix.multiply(g1, mh), Matrix.transpose(g2))));
        }
        return new double[][] {mean, variance};
    }

    /** The few dense-matrix operations class 3 needs; the matrices are at most 2m x 2m. */
    private static final class Matrix {

        static double[][] filled(int rows, int columns, double value) {
            double[][] a = new double[rows][columns];
            for (double[] row : a) {
                java.util.Arrays.fill(row, value);
            }
            return a;
        }

        static double[][] multiply(double[][] a, double[][] b) {
            int n = a.length;
            int inner = b.length;
            int p = b[0].length;
            double[][] c = new double[n][p];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < inner; k++) {
                    double aik = a[i][k];
                    if (aik != 0) {
                        for (int j = 0; j < p; j++) {
                            c[i][j] += aik * b[k][j];
                        }
                    }
                }
            }
            return c;
        }

        static double[][] transpose(double[][] a) {
            double[][] t = new double[a[0].length][a.length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[0].length; j++) {
                    t[j][i] = a[i][j];
                }
            }
            return t;
        }

        static double[][] add(double[][] a, double[][] b) {
            double[][] c = new double[a.length][a[0].length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[0].length; j++) {
                    c[i][j] = a[i][j] + b[i][j];
                }
            }
            return c;
        }

        static double[][] scale(double factor, double[][] a) {
            double[][] c = new double[a.length][a[0].length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[0].length; j++) {
                    c[i][j] = factor * a[i][j];
                }
            }
            return c;
        }

        /** Kronecker product, in R's {@code %x%} layout. */
        static double[][] kron(double[][] a, double[][] b) {
            int rb = b.length;
            int cb = b[0].length;
            double[][] c = new double[a.length * rb][a[0].length * cb];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[0].length; j++) {
                    for (int k = 0; k < rb; k++) {
                        for (int l = 0; l < cb; l++) {
                            c[i * rb + k][j * cb + l] = a[i][j] * b[k][l];
                        }
                    }
                }
            }
            return c;
        }

        /** Column-major vectorisation, as R's {@code c(matrix)}. */
        static double[] vec(double[][] a) {
            int rows = a.length;
            double[] v = new double[rows * a[0].length];
            for (int j = 0; j < a[0].length; j++) {
                for (int i = 0; i < rows; i++) {
                    v[i + rows * j] = a[i][j];
                }
            }
            return v;
        }

        static double[][] outer(double[] v) {
            double[][] o = new double[v.length][v.length];
            for (int i = 0; i < v.length; i++) {
                for (int j = 0; j < v.length; j++) {
                    o[i][j] = v[i] * v[j];
                }
            }
            return o;
        }
    }
}
