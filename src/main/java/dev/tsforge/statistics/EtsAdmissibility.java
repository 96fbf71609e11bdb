package dev.tsforge.statistics;

/**
 * The admissible region of an ETS model (Hyndman, Akram and Archibald 2008), as forecast::ets checks it with its
 * default {@code bounds = "both"}: parameters for which the model forgets its initial states, i.e. the roots of the
 * characteristic polynomial lie in the unit disc (R allows 1e-10 of slack).
 */
final class EtsAdmissibility {

    private static final double SLACK = 1e-10;

    private EtsAdmissibility() {
    }

    static boolean admissible(EtsForm form, int m, EtsRecursion.Smoothing s) {
        double alpha = s.alpha();
        double beta = s.beta();
        double gamma = s.gamma();
        double phi = s.phi();
        if (phi < 0 || phi > 1 + 1e-8) {
            return false;
        }
        if (!form.hasSeason()) {
            if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) {
                return false;
            }
            return !form.hasTrend() || (beta >= alpha * (phi - 1) && beta <= (1 + phi) * (2 - alpha));
        }
        if (m <= 1) {
            return true;
        }
        if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) {
            return false;
        }
        if (alpha < 1 - 1 / phi - gamma * (1 - m + phi + phi * m) / (2 * phi * m)) {
            return false;
        }
        if (beta < -(1 - phi) * (gamma / m + alpha)) {
            return false;
        }
        // characteristic polynomial, lowest power first
        double[] p = new double[m + 2];
        p[0] = phi * (1 - alpha - gamma);
        p[1] = alpha + beta - alpha * phi + gamma - 1;
        for (int k = 2; k < m; k++) {
            p[k] = alpha + beta - alpha * phi;
        }
        p[m] = alpha + beta - phi;
        p[m + 1] = 1;
        if (!form.hasTrend()) {
            // without a slope (beta 0, phi 1) z = 1 is always a root; R accepts it, so divide it out exactly
            p = withoutUnitRoot(p);
        }
        return rootsWithin(p, 1 + SLACK);
    }

    /** p(z) / (z - 1), lowest power first; the remainder is zero for the polynomials this is used on. */
    private static double[] withoutUnitRoot(double[] p) {
        int d = p.length - 1;
        double[] q = new double[d];
        q[d - 1] = p[d];
        for (int k = d - 1; k >= 1; k--) {
            q[k - 1] = p[k] + q[k];
        }
        return q;
    }

    /**
     * Whether every root of the polynomial (lowest power first) has modulus below {@code radius}: the Schur-Cohn test
     * on {@code p(radius z)}, exact in d^2 steps where a root finder would iterate.
     */
    static boolean rootsWithin(double[] coefficients, double radius) {
        int d = coefficients.length - 1;
        double[] a = new double[d + 1];
        double scale = 1;
        for (int k = 0; k <= d; k++) {
            a[k] = coefficients[k] * scale;
            scale *= radius;
        }
        while (d > 0) {
            if (Math.abs(a[0]) >= Math.abs(a[d])) {
                return false;
            }
            double[] b = new double[d];
            double largest = 0;
            for (int k = 0; k < d; k++) {
                b[k] = a[d] * a[k + 1] - a[0] * a[d - 1 - k];
                largest = Math.max(largest, Math.abs(b[k]));
            }
            for (int k = 0; k < d; k++) {
                b[k] /= largest;
            }
            a = b;
            d--;
        }
        return true;
    }
}
