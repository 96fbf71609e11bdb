package dev.tsforge.statistics;

import java.util.stream.IntStream;

/**
 * The covariance of an ARMA model's state at stationarity, which {@link ArimaLikelihood}'s Kalman filter starts
 * from, with the algebra it takes: the model's psi-weights, its autocovariances from a small linear system, and
 * the state covariance built from both.
 */
final class StationaryCovariance {

    private StationaryCovariance() {
    }

    /**
     * The stationary covariance of the state ({@code P = T P T' + R R'}, what R's getQ0 computes), from the ARMA
     * model's autocovariances {@code gamma} and its psi-weights: state element {@code i} is
     * {@code sum_{j>=1} phi_{i+j} w_{t-j} + sum_{j>=0} theta_{i+j} e_{t-j}} ({@code theta_0 = 1}), and the sums run
     * over the non-zero coefficients only, which keeps seasonal models' large sparse states cheap. Null when the AR
     * part is not stationary.
     */
    static double[][] of(double[] phi, double[] rVector, int r) {
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
        return IntStream.range(0, coefficients.length).filter(i -> coefficients[i] != 0)
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
