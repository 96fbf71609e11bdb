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

    /**
     * The stationary covariance of the state ({@code P = T P T' + R R'}, what R's getQ0 computes), from the ARMA
     * model's autocovariances {@code gamma} and its psi-weights: state element {@code i} is
     * {@code sum_{j>=1} phi_{i+j} w_{t-j} + sum_{j>=0} theta_{i+j} e_{t-j}} ({@code theta_0 = 1}), and the sums run
     * over the non-zero coefficients only, which keeps seasonal models' large sparse states cheap. Null when the AR
     * part is not stationary.
     */
    static double[][] stationaryCovariance(double[] phi, double[] rVector, int r) {
        int p = phi.length;
        double[] theta = rVector; // theta_0 = 1, then the MA coefficients, zero beyond q
        double[] psi = new double[r + 1];
        for (int j = 0; j <= r; j++) {
            double value = j < r ? theta[j] : 0;
            for (int i = 1; i <= Math.min(j, p); i++) {
                value += phi[i - 1] * psi[j - i];
            }
            psi[j] = value;
        }
        double[] gamma = autocovariances(phi, theta, psi, r);
        if (gamma == null) {
            return null;
        }
        int[] phiLags = nonZero(phi, 1);
        int[] thetaLags = nonZero(theta, 0);
        double[][] cov = new double[r][r];
        for (int i = 0; i < r; i++) {
            for (int l = i; l < r; l++) {
                double sum = 0;
                for (int a : phiLags) {
                    if (a <= i) {
                        continue;
                    }
                    for (int b : phiLags) {
                        if (b > l) {
                            sum += phi[a - 1] * phi[b - 1] * gamma[Math.abs((a - i) - (b - l))];
                        }
                    }
                    for (int b : thetaLags) {
                        int lag = (b - l) - (a - i);
                        if (b >= l && lag >= 0) {
                            sum += phi[a - 1] * theta[b] * psi[lag];
                        }
                    }
                }
                for (int a : thetaLags) {
                    if (a < i) {
                        continue;
                    }
                    for (int b : phiLags) {
                        int lag = (a - i) - (b - l);
                        if (b > l && lag >= 0) {
                            sum += theta[a] * phi[b - 1] * psi[lag];
                        }
                    }
                    int b = l + (a - i);
                    if (b < r) {
                        sum += theta[a] * theta[b];
                    }
                }
                cov[i][l] = sum;
                cov[l][i] = sum;
            }
        }
        return cov;
    }

    /**
     * Autocovariances {@code gamma(0..r)} of the ARMA model with unit innovation variance: a linear system for the
     * first {@code p + 1}, then the AR recursion. Null when the system is singular or the variance not positive.
     */
    private static double[] autocovariances(double[] phi, double[] theta, double[] psi, int r) {
        int p = phi.length;
        double[] gamma = new double[Math.max(r, p) + 1];
        int size = p + 1;
        double[][] system = new double[size][size + 1];
        for (int k = 0; k < size; k++) {
            system[k][k] += 1;
            for (int j = 1; j <= p; j++) {
                system[k][Math.abs(k - j)] -= phi[j - 1];
            }
            system[k][size] = movingAverageSide(theta, psi, k);
        }
        double[] solved = solve(system);
        if (solved == null || !(solved[0] > 0) || !Double.isFinite(solved[0])) {
            return null;
        }
        System.arraycopy(solved, 0, gamma, 0, size);
        for (int k = size; k < gamma.length; k++) {
            double value = movingAverageSide(theta, psi, k);
            for (int j = 1; j <= p; j++) {
                value += phi[j - 1] * gamma[k - j];
            }
            gamma[k] = value;
        }
        return gamma;
    }

    /** {@code sum_{j >= k} theta_j psi_{j-k}}: the covariance of the MA side with {@code w_{t-k}}. */
    private static double movingAverageSide(double[] theta, double[] psi, int k) {
        double sum = 0;
        for (int j = k; j < theta.length; j++) {
            sum += theta[j] * psi[j - k];
        }
        return sum;
    }

    private static int[] nonZero(double[] coefficients, int firstLag) {
        return java.util.stream.IntStream.range(0, coefficients.length).filter(i -> coefficients[i] != 0)
                .map(i -> i + firstLag).toArray();
    }

    /** Gaussian elimination with partial pivoting on an augmented matrix; null when singular. */
    private static double[] solve(double[][] system) {
        int n = system.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(system[row][col]) > Math.abs(system[pivot][col])) {
                    pivot = row;
                }
            }
            if (Math.abs(system[pivot][col]) < 1e-300) {
                return null;
            }
            double[] swap = system[col];
            system[col] = system[pivot];
            system[pivot] = swap;
            for (int row = col + 1; row < n; row++) {
                double factor = system[row][col] / system[col][col];
                if (factor != 0) {
                    for (int k = col; k <= n; k++) {
                        system[row][k] -= factor * system[col][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int row = n - 1; row >= 0; row--) {
            double sum = system[row][n];
            for (int k = row + 1; k < n; k++) {
                sum -= system[row][k] * x[k];
            }
            x[row] = sum / system[row][row];
        }
        return x;
    }
}
