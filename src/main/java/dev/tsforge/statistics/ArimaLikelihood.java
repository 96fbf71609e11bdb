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
    /**
     * Once the filtered state's covariance is this small (in units of the innovation variance) the state is known
     * and stays known, so the filter drops the covariance updates: what R computes to within this, far faster on
     * the large seasonal states.
     */
    private static final double STEADY = 1e-12;

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
        double[][] pNew = StationaryCovariance.of(phi, rVector, r);
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
        boolean steady = false;
        for (int t = 0; t < w.length; t++) {
            for (int i = 0; i < r; i++) {
                double value = i < r - 1 ? a[i + 1] : 0;
                if (i < p) {
                    value += phi[i] * a[0];
                }
                aNew[i] = value;
            }
            if (steady) {
                // the state is known: the prediction variance is the innovation's, and the filter a recursion
                double residual = w[t] - aNew[0];
                count++;
                ssq += residual * residual;
                if (keep) {
                    residuals[t] = residual;
                }
                for (int i = 0; i < r; i++) {
                    a[i] = aNew[i] + rVector[i] * residual;
                }
                continue;
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
            double largest = 0;
            for (int i = 0; i < r; i++) {
                for (int j = 0; j <= i; j++) {
                    double value = pNew[i][j] - m[i] * m[j] / gain;
                    pMat[i][j] = value;
                    pMat[j][i] = value;
                    largest = Math.max(largest, Math.abs(value));
                }
            }
            steady = largest < STEADY;
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
}
