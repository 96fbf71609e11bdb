package dev.tsforge.statistics;

/**
 * Seasonal-trend decomposition by loess (Cleveland et al. 1990) as R's {@code stl} computes it without robustness
 * weights (two inner passes, no outer pass), a port of its Fortran: what forecast::mstl runs, and so what nsdiffs'
 * seasonal-strength test measures. The classical decomposition is no substitute here: on nino3.4 its seasonal
 * strength falls on the other side of nsdiffs' threshold.
 */
final class Stl {

    private static final int INNER = 2;

    private Stl() {
    }

    /** {seasonal, trend} of {@code y} with R's defaults for {@code stl(y, s.window)}. */
    static double[][] decompose(double[] y, int period, int seasonalWindow) {
        int n = y.length;
        int ns = odd(Math.max(3, seasonalWindow));
        int nt = odd(Math.max(3, (int) Math.ceil(1.5 * period / (1 - 1.5 / seasonalWindow))));
        int nl = odd(Math.max(3, period));
        int np = Math.max(2, period);
        int nsJump = (int) Math.ceil(ns / 10.0);
        int ntJump = (int) Math.ceil(nt / 10.0);
        int nlJump = (int) Math.ceil(nl / 10.0);
        double[] season = new double[n];
        double[] trend = new double[n];
        double[] detrended = new double[n];
        double[] cycle = new double[n + 2 * np];
        for (int pass = 0; pass < INNER; pass++) {
            for (int i = 0; i < n; i++) {
                detrended[i] = y[i] - trend[i];
            }
            cycleSubseries(detrended, np, ns, nsJump, cycle);
            double[] lowPass = loess(movingAverages(cycle, np), nl, 1, nlJump);
            for (int i = 0; i < n; i++) {
                season[i] = cycle[np + i] - lowPass[i];
            }
            double[] deseasoned = new double[n];
            for (int i = 0; i < n; i++) {
                deseasoned[i] = y[i] - season[i];
            }
            trend = loess(deseasoned, nt, 1, ntJump);
        }
        return new double[][] {season, trend};
    }

    private static int odd(int value) {
        return value % 2 == 0 ? value + 1 : value;
    }

    /** stlss: each cycle-subseries smoothed by a local constant, extended one period at either end. */
    private static void cycleSubseries(double[] y, int np, int ns, int nsJump, double[] out) {
        int n = y.length;
        for (int j = 0; j < np; j++) {
            int k = (n - j - 1) / np + 1;
            double[] sub = new double[k];
            for (int i = 0; i < k; i++) {
                sub[i] = y[i * np + j];
            }
            double[] smooth = loess(sub, ns, 0, nsJump);
            double[] extended = new double[k + 2];
            System.arraycopy(smooth, 0, extended, 1, k);
            double[] weights = new double[k];
            Double left = estimate(sub, ns, 0, 0, 1, Math.min(ns, k), weights);
            extended[0] = left != null ? left : extended[1];
            Double right = estimate(sub, ns, 0, k + 1, Math.max(1, k - ns + 1), k, weights);
            extended[k + 1] = right != null ? right : extended[k];
            for (int m = 0; m < k + 2; m++) {
                out[m * np + j] = extended[m];
            }
        }
    }

    /** stlfts: moving averages of lengths np, np and 3; n + 2 np values in, n out. */
    private static double[] movingAverages(double[] x, int np) {
        return movingAverage(movingAverage(movingAverage(x, np), np), 3);
    }

    private static double[] movingAverage(double[] x, int length) {
        int count = x.length - length + 1;
        double[] average = new double[count];
        double sum = 0;
        for (int i = 0; i < length; i++) {
            sum += x[i];
        }
        average[0] = sum / length;
        for (int i = 1; i < count; i++) {
            sum += x[i + length - 1] - x[i - 1];
            average[i] = sum / length;
        }
        return average;
    }

    /** stless: loess of span {@code length} at every {@code jump}-th point, linear in between. */
    static double[] loess(double[] y, int length, int degree, int jump) {
        int n = y.length;
        double[] ys = new double[n];
        if (n < 2) {
            ys[0] = y[0];
            return ys;
        }
        double[] weights = new double[n];
        int step = Math.min(jump, n - 1);
        int left = 1;
        int right = n;
        if (length >= n) {
            for (int i = 1; i <= n; i += step) {
                Double value = estimate(y, length, degree, i, 1, n, weights);
                ys[i - 1] = value != null ? value : y[i - 1];
            }
        } else if (step == 1) {
            int half = (length + 1) / 2;
            right = length;
            for (int i = 1; i <= n; i++) {
                if (i > half && right != n) {
                    left++;
                    right++;
                }
                Double value = estimate(y, length, degree, i, left, right, weights);
                ys[i - 1] = value != null ? value : y[i - 1];
            }
        } else {
            int half = (length + 1) / 2;
            for (int i = 1; i <= n; i += step) {
                if (i < half) {
                    left = 1;
                    right = length;
                } else if (i >= n - half + 1) {
                    left = n - length + 1;
                    right = n;
                } else {
                    left = i - half + 1;
                    right = length + i - half;
                }
                Double value = estimate(y, length, degree, i, left, right, weights);
                ys[i - 1] = value != null ? value : y[i - 1];
            }
        }
        if (step != 1) {
            for (int i = 1; i <= n - step; i += step) {
                double slope = (ys[i + step - 1] - ys[i - 1]) / step;
                for (int j = i + 1; j < i + step; j++) {
                    ys[j - 1] = ys[i - 1] + slope * (j - i);
                }
            }
            int k = ((n - 1) / step) * step + 1;
            if (k != n) {
                Double value = estimate(y, length, degree, n, left, right, weights);
                ys[n - 1] = value != null ? value : y[n - 1];
                if (k != n - 1) {
                    double slope = (ys[n - 1] - ys[k - 1]) / (n - k);
                    for (int j = k + 1; j < n; j++) {
                        ys[j - 1] = ys[k - 1] + slope * (j - k);
                    }
                }
            }
        }
        return ys;
    }

    /** stlest: the tricube-weighted local fit at {@code xs} (1-based) from points left..right; null if no weight. */
    private static Double estimate(double[] y, int length, int degree, double xs, int left, int right,
            double[] w) {
        int n = y.length;
        double range = n - 1.0;
        double h = Math.max(xs - left, right - xs);
        if (length > n) {
            h += (length - n) / 2;
        }
        double h9 = 0.999 * h;
        double h1 = 0.001 * h;
        double a = 0;
        for (int j = left; j <= right; j++) {
            w[j - 1] = 0;
            double r = Math.abs(j - xs);
            if (r <= h9) {
                w[j - 1] = r <= h1 ? 1 : Math.pow(1 - Math.pow(r / h, 3), 3);
                a += w[j - 1];
            }
        }
        if (a <= 0) {
            return null;
        }
        for (int j = left; j <= right; j++) {
            w[j - 1] /= a;
        }
        if (h > 0 && degree > 0) {
            double mean = 0;
            for (int j = left; j <= right; j++) {
                mean += w[j - 1] * j;
            }
            double b = xs - mean;
            double c = 0;
            for (int j = left; j <= right; j++) {
                c += w[j - 1] * (j - mean) * (j - mean);
            }
            if (Math.sqrt(c) > 0.001 * range) {
                b /= c;
                for (int j = left; j <= right; j++) {
                    w[j - 1] *= b * (j - mean) + 1;
                }
            }
        }
        double value = 0;
        for (int j = left; j <= right; j++) {
            value += w[j - 1] * y[j - 1];
        }
        return value;
    }
}
