package dev.tsforge.statistics;

import java.util.Arrays;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * ARIMA coefficients as stats::arima lays them out, {@code ar[p], ma[q], sar[P], sma[Q]} then the mean or drift, and
 * what R does with them: the partial-autocorrelation transform that keeps an AR part stationary during the
 * likelihood search (R's partrans, through tanh), the product of the seasonal and non-seasonal polynomials, and
 * the roots that decide stationarity and invertibility.
 */
final class ArimaParameters {

    /** R ignores trailing coefficients this small before looking for roots (auto.arima's check). */
    private static final double NEGLIGIBLE = 1e-8;

    private ArimaParameters() {
    }

    /** {phi, theta}: the AR and MA polynomials multiplied out, of lengths p + P m and q + Q m. */
    static double[][] expand(ArimaOrder order, double[] par) {
        int mp = order.p();
        int mq = order.q();
        int msp = order.seasonalP();
        int msq = order.seasonalQ();
        int ns = order.period();
        double[] phi = new double[mp + ns * msp];
        double[] theta = new double[mq + ns * msq];
        System.arraycopy(par, 0, phi, 0, mp);
        System.arraycopy(par, mp, theta, 0, mq);
        for (int j = 0; j < msp; j++) {
            double sar = par[mp + mq + j];
            phi[(j + 1) * ns - 1] += sar;
            for (int i = 0; i < mp; i++) {
                phi[(j + 1) * ns + i] -= par[i] * sar;
            }
        }
        for (int j = 0; j < msq; j++) {
            double sma = par[mp + mq + msp + j];
            theta[(j + 1) * ns - 1] += sma;
            for (int i = 0; i < mq; i++) {
                theta[(j + 1) * ns + i] += par[mp + i] * sma;
            }
        }
        return new double[][] {phi, theta};
    }

    /** R's ARIMA_transPars with trans: both AR parts from unconstrained values to stationary coefficients. */
    static double[] transform(ArimaOrder order, double[] raw) {
        double[] par = raw.clone();
        partrans(raw, par, 0, order.p());
        partrans(raw, par, order.p() + order.q(), order.seasonalP());
        return par;
    }

    /** R's ARIMA_Invtrans: stationary AR coefficients back to unconstrained values. */
    static double[] inverseTransform(ArimaOrder order, double[] par) {
        double[] raw = par.clone();
        invpartrans(par, raw, 0, order.p());
        invpartrans(par, raw, order.p() + order.q(), order.seasonalP());
        return raw;
    }

    private static void partrans(double[] raw, double[] out, int from, int p) {
        double[] work = new double[p];
        double[] next = new double[p];
        for (int j = 0; j < p; j++) {
            work[j] = next[j] = Math.tanh(raw[from + j]);
        }
        // Durbin-Levinson: the partial autocorrelations become the AR coefficients
        for (int j = 1; j < p; j++) {
            double a = next[j];
            for (int k = 0; k < j; k++) {
                work[k] -= a * next[j - k - 1];
            }
            System.arraycopy(work, 0, next, 0, j);
        }
        System.arraycopy(next, 0, out, from, p);
    }

    private static void invpartrans(double[] par, double[] out, int from, int p) {
        double[] work = new double[p];
        double[] next = new double[p];
        for (int j = 0; j < p; j++) {
            work[j] = next[j] = par[from + j];
        }
        for (int j = p - 1; j > 0; j--) {
            double a = next[j];
            for (int k = 0; k < j; k++) {
                work[k] = (next[k] + a * next[j - k - 1]) / (1 - a * a);
            }
            System.arraycopy(work, 0, next, 0, j);
        }
        for (int j = 0; j < p; j++) {
            out[from + j] = atanh(next[j]);
        }
    }

    private static double atanh(double x) {
        return 0.5 * Math.log((1 + x) / (1 - x));
    }

    /** R's arCheck: every root of {@code 1 - ar_1 z - ... } outside the unit circle. */
    static boolean stationary(double[] par, int from, int p) {
        double[] polynomial = new double[p + 1];
        polynomial[0] = 1;
        for (int i = 0; i < p; i++) {
            polynomial[i + 1] = -par[from + i];
        }
        int degree = p;
        while (degree > 0 && polynomial[degree] == 0) {
            degree--;
        }
        if (degree == 0) {
            return true;
        }
        for (Complex root : roots(Arrays.copyOf(polynomial, degree + 1))) {
            if (root.abs() <= 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * R's maInvert on {@code ma[from, from + q)}: roots of {@code 1 + ma_1 z + ...} inside the unit circle replaced
     * by their inverses, which leaves the autocorrelations and so the likelihood unchanged.
     */
    static void invertMa(double[] par, int from, int q) {
        int q0 = q;
        while (q0 > 0 && par[from + q0 - 1] == 0) {
            q0--;
        }
        if (q0 == 0) {
            return;
        }
        double[] polynomial = new double[q0 + 1];
        polynomial[0] = 1;
        System.arraycopy(par, from, polynomial, 1, q0);
        Complex[] roots = roots(polynomial);
        boolean inside = false;
        for (Complex root : roots) {
            if (root.abs() == 0) {
                return; // no roots found: leave the coefficients as they are
            }
            inside |= root.abs() < 1;
        }
        if (!inside) {
            return;
        }
        if (q0 == 1) {
            par[from] = 1 / par[from];
            return;
        }
        Complex[] x = {Complex.ONE};
        for (Complex root : roots) {
            Complex r = root.abs() < 1 ? Complex.ONE.divide(root) : root;
            Complex[] next = new Complex[x.length + 1];
            for (int i = 0; i < next.length; i++) {
                Complex left = i < x.length ? x[i] : Complex.ZERO;
                Complex right = i > 0 ? x[i - 1].divide(r) : Complex.ZERO;
                next[i] = left.subtract(right);
            }
            x = next;
        }
        for (int i = 0; i < q0; i++) {
            par[from + i] = x[i + 1].getReal();
        }
    }

    /**
     * The smallest modulus among the roots of {@code 1 - phi(z)} and {@code 1 + theta(z)}, at most 2: auto.arima
     * refuses a model whose value is below 1.01, too close to non-stationary or non-invertible.
     */
    static double minimumRoot(double[] phi, double[] theta) {
        double smallest = 2;
        for (int sign : new int[] {-1, 1}) {
            double[] coefficients = sign < 0 ? phi : theta;
            int last = coefficients.length;
            while (last > 0 && Math.abs(coefficients[last - 1]) <= NEGLIGIBLE) {
                last--;
            }
            if (last == 0) {
                continue;
            }
            double[] polynomial = new double[last + 1];
            polynomial[0] = 1;
            for (int i = 0; i < last; i++) {
                polynomial[i + 1] = sign * coefficients[i];
            }
            for (Complex root : roots(polynomial)) {
                smallest = Math.min(smallest, root.abs());
            }
        }
        return smallest;
    }

    /**
     * Roots of the polynomial with these coefficients, lowest degree first; a root of modulus 0 where they cannot be
     * found (non-finite coefficients, no convergence), which every caller reads as "not admissible", as auto.arima
     * reads a failed {@code polyroot}.
     */
    static Complex[] roots(double[] polynomial) {
        for (double coefficient : polynomial) {
            if (!Double.isFinite(coefficient)) {
                return new Complex[] {Complex.ZERO};
            }
        }
        if (polynomial.length == 2) {
            return new Complex[] {new Complex(-polynomial[0] / polynomial[1])};
        }
        // eigenvalues of the companion matrix: robust on the sparse seasonal polynomials, where Laguerre's method
        // started at 0 often fails to converge
        int degree = polynomial.length - 1;
        double[][] companion = new double[degree][degree];
        for (int j = 0; j < degree; j++) {
            companion[0][j] = -polynomial[degree - 1 - j] / polynomial[degree];
        }
        for (int i = 1; i < degree; i++) {
            companion[i][i - 1] = 1;
        }
        try {
            EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(companion, false));
            double[] real = eigen.getRealEigenvalues();
            double[] imaginary = eigen.getImagEigenvalues();
            Complex[] roots = new Complex[degree];
            for (int i = 0; i < degree; i++) {
                roots[i] = new Complex(real[i], imaginary[i]);
            }
            return roots;
        } catch (RuntimeException noConvergence) {
            return new Complex[] {Complex.ZERO};
        }
    }

    /** Coefficients of the product of two polynomials, lowest degree first. */
    static double[] multiply(double[] a, double[] b) {
        double[] product = new double[a.length + b.length - 1];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                product[i + j] += a[i] * b[j];
            }
        }
        return product;
    }
}
