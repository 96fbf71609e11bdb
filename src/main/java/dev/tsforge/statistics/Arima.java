package dev.tsforge.statistics;

import java.time.Duration;

/**
 * Seasonal ARIMA models chosen and fitted as Hyndman and Khandakar's forecast::auto.arima does with its defaults
 * (R package forecast 8.x): seasonal differences by the seasonal-strength test, differences by repeated KPSS tests,
 * then a stepwise search over (p,q)(P,Q) and the constant by AICc, estimation by conditional sum of squares then
 * exact maximum likelihood.
 *
 * <p>As in R, series longer than 150 values (or with a period above 12) are searched with the conditional sum of
 * squares only, its AICc brought onto the likelihood's scale by one offset, and the best candidates are then refitted
 * by maximum likelihood until one is admissible. A model whose AR or MA roots lie within 1.01 of the unit circle is
 * not admissible. Seasonal parts are tried only for {@code 1 < period <= 24}; longer periods (weekly data's 52) are
 * treated as non-seasonal, as slow to fit and rarely chosen.
 */
public final class Arima {

    /** Longest period with seasonal parts: longer ones make the state, and the search, too large. */
    public static final int MAX_PERIOD = 24;
    static final int MAX_P = 5;
    static final int MAX_Q = 5;
    static final int MAX_SEASONAL_P = 2;
    static final int MAX_SEASONAL_Q = 2;
    static final int MAX_D = 2;
    static final int MAX_SEASONAL_D = 1;
    /** auto.arima's cap on the models the stepwise search visits. */
    static final int MAX_MODELS = 94;
    /** Longer series are searched by conditional sum of squares (auto.arima's {@code approximation}). */
    static final int APPROXIMATE_ABOVE = 150;
    /** auto.arima refuses roots this close to the unit circle. */
    static final double MIN_ROOT = 1.01;

    private Arima() {
    }

    /**
     * Chooses (p,d,q)(P,D,Q)m as forecast::auto.arima does (stepwise search, AICc, differencing by KPSS / seasonal
     * strength tests) and fits it.
     */
    public static ArimaFit select(double[] y, int period) {
        return select(y, period, null);
    }

    /**
     * As {@link #select(double[], int)}, but the stepwise search visits no new model once {@code timeLimit} has
     * passed (the starting models are always fitted) and returns the best found so far, refitting autoregressive
     * candidates by maximum likelihood before those with MA parts: on long seasonal series the search and its
     * refits can take longer than a caller's budget.
     *
     * @param timeLimit null for none
     */
    public static ArimaFit select(double[] y, int period, Duration timeLimit) {
        long started = System.nanoTime();
        check(y, period);
        int n = y.length;
        if (ArimaDifferencing.isConstant(y)) {
            return constant(y);
        }
        int m = period <= MAX_PERIOD ? period : 1;
        ArimaSearch.Limits limits = new ArimaSearch.Limits(Math.min(MAX_P, n / 3), Math.min(MAX_Q, n / 3),
                Math.min(MAX_SEASONAL_P, n / 3 / m), Math.min(MAX_SEASONAL_Q, n / 3 / m));
        int seasonalD = 0;
        if (m == 1) {
            limits = new ArimaSearch.Limits(limits.p(), limits.q(), 0, 0);
        } else if (n > 2 * m) {
            seasonalD = Math.min(ArimaDifferencing.nsdiffs(y, m), MAX_SEASONAL_D);
        }
        double[] dx = seasonalD > 0 ? ArimaEstimation.lagDifference(y, m) : y;
        int d = ArimaDifferencing.ndiffs(dx, MAX_D);
        for (int i = 0; i < d; i++) {
            dx = ArimaEstimation.lagDifference(dx, 1);
        }
        if (dx.length == 0) {
            throw new IllegalArgumentException("too few values to difference " + d + " times");
        }
        if (m > 1) {
            limits = new ArimaSearch.Limits(limits.seasonalP() > 0 ? Math.min(limits.p(), m - 1) : limits.p(),
                    limits.seasonalQ() > 0 ? Math.min(limits.q(), m - 1) : limits.q(), limits.seasonalP(),
                    limits.seasonalQ());
        }
        boolean approximate = n > APPROXIMATE_ABOVE || m > 12;
        ArimaSearch search = new ArimaSearch(y, m, d, seasonalD, approximate, started,
                timeLimit == null ? Long.MAX_VALUE : timeLimit.toNanos());
        if (approximate) {
            ArimaFit base = ArimaEstimation.cssMl(ArimaEstimation.Prepared.of(y,
                    new ArimaOrder(0, d, 0, 0, seasonalD, 0, m, d + seasonalD == 0)));
            search.offset(base == null ? 0 : -2 * base.logLikelihood() - n * Math.log(base.innovationVariance()));
        }
        search.stepwise(limits);
        return search.best();
    }

    /** Fits one order (CSS, then exact maximum likelihood, as forecast::Arima's default). */
    public static ArimaFit fit(double[] y, int period, ArimaOrder order) {
        check(y, period);
        if (order.seasonal() && order.period() != period) {
            throw new IllegalArgumentException("order " + order + " has period " + order.period()
                    + " but the series has " + period);
        }
        if (y.length <= order.lostValues() + order.armaCount() + 1) {
            throw new IllegalArgumentException("order " + order + " needs more than "
                    + (order.lostValues() + order.armaCount() + 1) + " values, got " + y.length);
        }
        ArimaFit fit = ArimaEstimation.cssMl(ArimaEstimation.Prepared.of(y, order));
        if (fit == null) {
            throw new IllegalArgumentException("order " + order + " cannot be fitted to these values "
                    + "(non-stationary start from the conditional sum of squares, or no finite likelihood)");
        }
        return fit;
    }

    /** What auto.arima returns for a constant series: the mean, forecast flat with no uncertainty. */
    private static ArimaFit constant(double[] y) {
        ArimaOrder order = ArimaOrder.of(0, 0, 0, true);
        return ArimaFit.of(ArimaEstimation.Prepared.of(y, order), new double[] {y[0]}, Double.NEGATIVE_INFINITY);
    }

    private static void check(double[] y, int period) {
        if (y == null || y.length < 3) {
            throw new IllegalArgumentException("ARIMA needs at least 3 values, got " + (y == null ? 0 : y.length));
        }
        for (int t = 0; t < y.length; t++) {
            if (!Double.isFinite(y[t])) {
                throw new IllegalArgumentException("ARIMA needs finite values; value " + t + " is " + y[t]);
            }
        }
        if (period < 1) {
            throw new IllegalArgumentException("the period must be at least 1, got " + period);
        }
    }
}
