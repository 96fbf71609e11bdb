package dev.tsforge.statistics;

/**
 * The two criteria stats::arima fits by, on the differenced series {@code w} (mean or drift taken out): the
 * conditional sum of squares, and the exact Gaussian likelihood from a Kalman filter on Harvey's state-space form
 * of the ARMA model started from its stationary covariance.
 *
 * <p>R filters the undifferenced series with the differencing states diffuse (a prior variance of 1e6); filtering
 * the differenced series instead gives the exact limit of that, the same likelihood to about one part in a million,
 * with a state of a fixed small size, which is what keeps the search fast. Coefficients arrive expanded: {@code phi}
 * and {@code theta} are the products of the non-seasonal and seasonal polynomials.
 */
final class ArimaLikelihood {

    /** R counts an observation only while its prediction variance is below this (diffuse ones are not). */
    private static final double DIFFUSE_GAIN = 1e4;
    /** Doubling steps for the stationary covariance: 2^60 terms of its series, far past any admissible root. */
    private static final int MAX_DOUBLINGS = 60;

    private ArimaLikelihood() {
    }

    /** Sum of squares, sum of log prediction variances and the count, as R's ARIMA_Like returns them. */
    record Filtered(double sumOfSquares, double sumLog, int count, double[] residuals, double[] state) {

        /** R's {@code armafn}: half the log of the profiled variance plus half the mean log variance. */
        double objective() {
            return 0.5 * (Math.log(sumOfSquares / count) + sumLog / count);
        }
    }

    /**
     * R's ARIMA_CSS on the differenced series: residuals start after the {@code phi.length} values the AR part needs,
     * earlier residuals count as 0. Returns the residual sum of squares over their number.
     */
    static double css(double[] w, double[] phi, double[] theta, double[] residuals) {
        int p = phi.length;
        int q = theta.length;
        double[] e = residuals != null ? residuals : new double[w.length];
        double ssq = 0;
        int count = 0;
        for (int t = p; t < w.length; t++) {
            double value = w[t];
            for (int j = 0; j < p; j++) {
                value -= phi[j] * w[t - j - 1];
            }
            int k = Math.min(t - p, q);
            for (int j = 0; j < k; j++) {
                value -= theta[j] * e[t - j - 1];
            }
            e[t] = value;
            ssq += value * value;
            count++;
        }
        return ssq / count;
    }

    /**
     * R's ARIMA_Like without differencing states. {@code keep} asks for the standardised residuals and the state
     * after the last value (state, then the covariance row by row), which forecasts start from.
     */
    static Filtered kalman(double[] w, double[] phi, double[] theta, boolean keep) {
        int p = phi.length;
        int q = theta.length;
        int r = Math.max(p, q + 1);
        double[] rVector = new double[r];
        rVector[0] = 1;
        for (int i = 0; i < q; i++) {
            rVector[i + 1] = theta[i];
        }
        double[][] pNew = stationaryCovariance(phi, rVector, r);
        if (pNew == null) {
            return null;
        }
        double[][] pMat = new double[r][r];
        double[][] tp = new double[r][r];
        double[] a = new double[r];
        double[] aNew = new double[r];
        double[] m = new double[r];
        double[] residuals = keep ? new double[w.length] : null;
        double ssq = 0;
        double sumLog = 0;
        int count = 0;
        for (int t = 0; t < w.length; t++) {
            for (int i = 0; i < r; i++) {
                double value = i < r - 1 ? a[i + 1] : 0;
                if (i < p) {
                    value += phi[i] * a[0];
                }
                aNew[i] = value;
            }
            if (t > 0) {
                // P_new = T P T' + R R', using T's shape: phi down the first column, ones above the diagonal
                for (int i = 0; i < r; i++) {
                    double phiI = i < p ? phi[i] : 0;
                    for (int j = 0; j < r; j++) {
                        tp[i][j] = phiI * pMat[0][j] + (i < r - 1 ? pMat[i + 1][j] : 0);
                    }
                }
                for (int i = 0; i < r; i++) {
                    for (int j = 0; j <= i; j++) {
                        double phiJ = j < p ? phi[j] : 0;
                        double value = tp[i][0] * phiJ + (j < r - 1 ? tp[i][j + 1] : 0) + rVector[i] * rVector[j];
                        pNew[i][j] = value;
                        pNew[j][i] = value;
                    }
                }
            }
            double residual = w[t] - aNew[0];
            double gain = pNew[0][0];
            if (gain < DIFFUSE_GAIN) {
                count++;
                ssq += residual * residual / gain;
                sumLog += Math.log(gain);
            }
            if (keep) {
                residuals[t] = residual / Math.sqrt(gain);
            }
            for (int i = 0; i < r; i++) {
                m[i] = pNew[i][0];
                a[i] = aNew[i] + m[i] * residual / gain;
            }
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < r; j++) {
                    pMat[i][j] = pNew[i][j] - m[i] * m[j] / gain;
                }
            }
        }
        double[] state = null;
        if (keep) {
            state = new double[r + r * r];
            System.arraycopy(a, 0, state, 0, r);
            for (int i = 0; i < r; i++) {
                System.arraycopy(pMat[i], 0, state, r + i * r, r);
            }
        }
        return new Filtered(ssq, sumLog, count, residuals, state);
    }

    /**
     * The stationary covariance of the state, {@code P = T P T' + R R'}, by doubling:
     * {@code P_{k+1} = P_k + A_k P_k A_k'}, {@code A_{k+1} = A_k^2}, from {@code P_0 = R R'}, {@code A_0 = T}.
     * Null when the AR part is not stationary (the sum does not settle).
     */
    static double[][] stationaryCovariance(double[] phi, double[] rVector, int r) {
        double[][] cov = new double[r][r];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                cov[i][j] = rVector[i] * rVector[j];
            }
        }
        if (r == 1) {
            double phi1 = phi.length > 0 ? phi[0] : 0;
            if (Math.abs(phi1) >= 1) {
                return null;
            }
            cov[0][0] = 1 / (1 - phi1 * phi1);
            return cov;
        }
        double[][] a = new double[r][r];
        for (int i = 0; i < r; i++) {
            if (i < phi.length) {
                a[i][0] = phi[i];
            }
            if (i < r - 1) {
                a[i][i + 1] = 1;
            }
        }
        for (int k = 0; k < MAX_DOUBLINGS; k++) {
            double[][] ap = multiply(a, cov);
            double[][] apa = multiplyTransposed(ap, a);
            double change = 0;
            double size = 0;
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < r; j++) {
                    cov[i][j] += apa[i][j];
                    change = Math.max(change, Math.abs(apa[i][j]));
                    size = Math.max(size, Math.abs(cov[i][j]));
                }
            }
            if (!Double.isFinite(size) || size > 1e12) {
                return null;
            }
            if (change <= 1e-15 * size) {
                return cov;
            }
            a = multiply(a, a);
        }
        return null;
    }

    private static double[][] multiply(double[][] x, double[][] y) {
        int n = x.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double xik = x[i][k];
                if (xik != 0) {
                    for (int j = 0; j < n; j++) {
                        out[i][j] += xik * y[k][j];
                    }
                }
            }
        }
        return out;
    }

    /** {@code x y'}. */
    private static double[][] multiplyTransposed(double[][] x, double[][] y) {
        int n = x.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += x[i][k] * y[j][k];
                }
                out[i][j] = sum;
            }
        }
        return out;
    }
}
