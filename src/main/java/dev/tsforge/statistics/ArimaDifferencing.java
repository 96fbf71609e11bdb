package dev.tsforge.statistics;

/**
 * How many differences auto.arima takes, by forecast's defaults: seasonal ones by nsdiffs' "seas" test (seasonal
 * strength from an STL decomposition above 0.64), then ordinary ones by ndiffs' repeated KPSS tests at 5 %.
 */
final class ArimaDifferencing {

    /** nsdiffs differences when the seasonal part explains more than this share of the non-trend variation. */
    static final double SEASONAL_STRENGTH = 0.64;
    /** The 5 % critical value of the KPSS level-stationarity statistic (urca's table). */
    static final double KPSS_CRITICAL = 0.463;
    /** forecast::mstl's seasonal window for one seasonal period. */
    private static final int SEASONAL_WINDOW = 11;

    private ArimaDifferencing() {
    }

    /** R's ndiffs(x, test = "kpss", max.d): differences while KPSS rejects level stationarity. */
    static int ndiffs(double[] x, int maxD) {
        int d = 0;
        if (isConstant(x)) {
            return d;
        }
        double[] series = x;
        while (kpss(series) > KPSS_CRITICAL && d < maxD) {
            d++;
            series = ArimaEstimation.lagDifference(series, 1);
            if (isConstant(series)) {
                return d;
            }
        }
        return d;
    }

    /** R's nsdiffs(x, test = "seas", max.D = 1) for a series of at least two periods. */
    static int nsdiffs(double[] x, int period) {
        if (isConstant(x) || period >= x.length || x.length <= 2 * period) {
            return 0;
        }
        return seasonalStrength(x, period) > SEASONAL_STRENGTH ? 1 : 0;
    }

    /** forecast's seas.heuristic: 1 - var(remainder) / var(remainder + seasonal), within [0, 1]. */
    static double seasonalStrength(double[] x, int period) {
        double[][] parts = Stl.decompose(x, period, SEASONAL_WINDOW);
        double[] remainder = new double[x.length];
        double[] seasonalAndRemainder = new double[x.length];
        for (int t = 0; t < x.length; t++) {
            remainder[t] = x[t] - parts[0][t] - parts[1][t];
            seasonalAndRemainder[t] = remainder[t] + parts[0][t];
        }
        return Math.max(0, Math.min(1, 1 - variance(remainder) / variance(seasonalAndRemainder)));
    }

    /** urca's ur.kpss(type = "mu") statistic with ndiffs' lag truncation {@code trunc(3 sqrt(n) / 13)}. */
    static double kpss(double[] y) {
        int n = y.length;
        int lags = (int) (3 * Math.sqrt(n) / 13);
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= n;
        double[] e = new double[n];
        double partial = 0;
        double numerator = 0;
        double s2 = 0;
        for (int t = 0; t < n; t++) {
            e[t] = y[t] - mean;
            partial += e[t];
            numerator += partial * partial;
            s2 += e[t] * e[t];
        }
        numerator /= (double) n * n;
        double denominator = s2 / n;
        for (int lag = 1; lag <= lags; lag++) {
            double covariance = 0;
            for (int t = lag; t < n; t++) {
                covariance += e[t] * e[t - lag];
            }
            denominator += 2.0 / n * (1 - lag / (lags + 1.0)) * covariance;
        }
        return numerator / denominator;
    }

    static boolean isConstant(double[] x) {
        for (double v : x) {
            if (v != x[0]) {
                return false;
            }
        }
        return true;
    }

    private static double variance(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double sum = 0;
        for (double v : x) {
            sum += (v - mean) * (v - mean);
        }
        return sum / (x.length - 1);
    }
}
