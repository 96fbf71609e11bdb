package dev.tsforge.statistics;

import java.util.Arrays;

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
        double[][] initial = StationaryCovariance.of(phi, rVector, r);
        if (initial == null) {
            return null;
        }
        // the predicted covariance P(t|t-1), its lower triangle row by row, updated in place one pass a step (see
        // predictNext), and zeros below it; phi and the gain vector zero-padded to the same length
        double[] predicted = new double[(r + 1) * r + 1];
        for (int i = 0; i < r; i++) {
            System.arraycopy(initial[i], 0, predicted, i * r, i + 1);
        }
        double[] phiPadded = Arrays.copyOf(phi, r + 1);
        double[] filtered = keep ? new double[r * r] : null;
        double[] firstRow = new double[r + 1];
        double[] a = new double[r];
        double[] aNew = new double[r];
        double[] m = new double[r + 1];
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
            double residual = w[t] - aNew[0];
            double gain = predicted[0];
            if (gain < DIFFUSE_GAIN) {
                count++;
                ssq += residual * residual / gain;
                sumLog += Math.log(gain);
            }
            if (keep) {
                residuals[t] = residual / Math.sqrt(gain);
            }
            for (int i = 0; i < r; i++) {
                m[i] = predicted[i * r];
                a[i] = aNew[i] + m[i] * residual / gain;
            }
            if (keep) {
                for (int i = 0; i < r; i++) {
                    for (int j = 0; j <= i; j++) {
                        double value = predicted[i * r + j] - m[i] * m[j] / gain;
                        filtered[i * r + j] = value;
                        filtered[j * r + i] = value;
                    }
                }
            }
            steady = predictNext(predicted, firstRow, m, gain, phiPadded, rVector) < STEADY;
        }
        double[] state = null;
        if (keep) {
            state = new double[r + r * r];
            System.arraycopy(a, 0, state, 0, r);
            System.arraycopy(filtered, 0, state, r, r * r);
        }
        return new Filtered(ssq, sumLog, count, residuals, state);
    }

    /**
     * One step of the covariance recursion in one pass over the lower triangle, in place: the filtered covariance
     * P = P(t|t-1) - m m' / gain and from it the next prediction T P T' + R R'. With T's shape (phi down the first
     * column, ones above the diagonal) element (i, j) of T P T' is phi_i phi_j P(0,0) + phi_j P(i+1,0) + phi_i P(0,j+1)
     * + P(i+1,j+1), so neither P nor T P is stored: the pass reads P's first column, kept aside, and the element
     * below and to the right of the one it writes, which it has not written yet.
     *
     * @param predicted r rows of r, then r + 1 zeros
     * @param firstRow  r + 1 values, for the first column of P (the last stays zero)
     * @param m         r + 1 values: P(t|t-1)'s first column, then zero
     * @param phi       r + 1 values, zero beyond the AR order
     * @return the largest element of the filtered covariance's diagonal: a covariance's largest magnitude
     */
    private static double predictNext(double[] predicted, double[] firstRow, double[] m, double gain, double[] phi,
            double[] rVector) {
        int r = rVector.length;
        for (int k = 0; k < r; k++) {
            firstRow[k] = m[k] - m[0] * m[k] / gain;
        }
        double corner = firstRow[0];
        double largest = Math.abs(corner);
        for (int i = 0; i < r; i++) {
            double phiI = phi[i];
            double below = firstRow[i + 1];
            double mBelow = m[i + 1] / gain;
            double rI = rVector[i];
            int row = i * r;
            int next = row + r;
            largest = Math.max(largest, Math.abs(predicted[next + i + 1] - mBelow * m[i + 1]));
            for (int j = 0; j <= i; j++) {
                double inner = predicted[next + j + 1] - mBelow * m[j + 1];
                predicted[row + j] = phi[j] * (phiI * corner + below) + phiI * firstRow[j + 1] + inner
                        + rI * rVector[j];
            }
        }
        return largest;
    }
}
