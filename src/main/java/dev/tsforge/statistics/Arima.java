package dev.tsforge.statistics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
        Limits limits = new Limits(Math.min(MAX_P, n / 3), Math.min(MAX_Q, n / 3),
                Math.min(MAX_SEASONAL_P, n / 3 / m), Math.min(MAX_SEASONAL_Q, n / 3 / m));
        int seasonalD = 0;
        if (m == 1) {
            limits = new Limits(limits.p(), limits.q(), 0, 0);
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
            limits = new Limits(limits.seasonalP() > 0 ? Math.min(limits.p(), m - 1) : limits.p(),
                    limits.seasonalQ() > 0 ? Math.min(limits.q(), m - 1) : limits.q(), limits.seasonalP(),
                    limits.seasonalQ());
        }
        boolean approximate = n > APPROXIMATE_ABOVE || m > 12;
        Search search = new Search(y, m, d, seasonalD, approximate, started,
                timeLimit == null ? Long.MAX_VALUE : timeLimit.toNanos());
        if (approximate) {
            ArimaFit base = ArimaEstimation.cssMl(ArimaEstimation.Prepared.of(y,
                    new ArimaOrder(0, d, 0, 0, seasonalD, 0, m, d + seasonalD == 0)));
            search.offset = base == null ? 0 : -2 * base.logLikelihood() - n * Math.log(base.innovationVariance());
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

    private record Limits(int p, int q, int seasonalP, int seasonalQ) {
    }

    /** One visited model: its order and criterion, Infinity where it failed or is not admissible. */
    private record Visited(ArimaOrder order, double ic, ArimaFit fit) {
    }

    /** auto.arima's stepwise search, with its table of visited models. */
    private static final class Search {

        private final double[] y;
        private final int m;
        private final int d;
        private final int seasonalD;
        private final boolean approximate;
        private final List<Visited> visited = new ArrayList<>();
        private final long started;
        private final long limitNanos;
        private double offset;
        private Visited best;

        Search(double[] y, int m, int d, int seasonalD, boolean approximate, long started, long limitNanos) {
            this.started = started;
            this.limitNanos = limitNanos;
            this.y = y;
            this.m = m;
            this.d = d;
            this.seasonalD = seasonalD;
            this.approximate = approximate;
        }

        ArimaOrder order(int p, int q, int sp, int sq, boolean constant) {
            return new ArimaOrder(p, d, q, sp, seasonalD, sq, m, constant);
        }

        /** Fits and records a model; true when it beats the best so far. */
        boolean tryModel(int p, int q, int sp, int sq, boolean constant) {
            Visited model = evaluate(order(p, q, sp, sq, constant), approximate);
            visited.add(model);
            if (best == null || model.ic() < best.ic()) {
                best = model;
                return true;
            }
            return false;
        }

        /** Whether the search may visit another model: auto.arima's cap, and the caller's time limit. */
        boolean mayVisit() {
            return visited.size() < MAX_MODELS && mayVisitTime();
        }

        boolean mayVisitTime() {
            return System.nanoTime() - started < limitNanos;
        }

        boolean isNew(int p, int q, int sp, int sq, boolean constant) {
            ArimaOrder candidate = order(p, q, sp, sq, constant);
            return visited.stream().noneMatch(v -> v.order().equals(candidate));
        }

        /** R's myarima: the AICc, by CSS with the offset when approximating, Infinity if not admissible. */
        Visited evaluate(ArimaOrder order, boolean css) {
            ArimaEstimation.Prepared prepared = ArimaEstimation.Prepared.of(y, order);
            int used = prepared.dx().length;
            int parameters = prepared.parameterCount() + 1;
            double aic;
            double[] coef;
            ArimaFit fit = null;
            if (css) {
                ArimaEstimation.CssFit cssFit = ArimaEstimation.css(prepared);
                if (cssFit == null) {
                    return new Visited(order, Double.POSITIVE_INFINITY, null);
                }
                aic = offset + used * Math.log(cssFit.sigma2()) + 2 * parameters;
                coef = cssFit.coef();
            } else {
                fit = ArimaEstimation.cssMl(prepared);
                if (fit == null) {
                    return new Visited(order, Double.POSITIVE_INFINITY, null);
                }
                aic = fit.aic();
                coef = fit.coefficients();
            }
            double aicc = aic + 2.0 * parameters * (parameters + 1) / (used - parameters - 1);
            double[][] polynomials = ArimaParameters.expand(order, coef);
            if (Double.isNaN(aicc) || ArimaParameters.minimumRoot(polynomials[0], polynomials[1]) < MIN_ROOT) {
                aicc = Double.POSITIVE_INFINITY;
            }
            return new Visited(order, aicc, fit);
        }

        void stepwise(Limits limits) {
            int maxP = limits.p();
            int maxQ = limits.q();
            int maxSP = limits.seasonalP();
            int maxSQ = limits.seasonalQ();
            boolean allowConstant = d + seasonalD <= 1;
            boolean constant = allowConstant;
            int startP = 2;
            int startQ = 2;
            int startSP = 1;
            int startSQ = 1;
            if (y.length < 10) {
                startP = 1;
                startQ = 1;
                startSP = 0;
                startSQ = 0;
            }
            int p = Math.min(startP, maxP);
            int q = Math.min(startQ, maxQ);
            int sp = Math.min(startSP, maxSP);
            int sq = Math.min(startSQ, maxSQ);
            tryModel(p, q, sp, sq, constant);
            if (tryModel(0, 0, 0, 0, constant)) {
                p = q = sp = sq = 0;
            }
            if (maxP > 0 || maxSP > 0) {
                int p1 = maxP > 0 ? 1 : 0;
                int sp1 = m > 1 && maxSP > 0 ? 1 : 0;
                if (tryModel(p1, 0, sp1, 0, constant)) {
                    p = p1;
                    sp = sp1;
                    q = sq = 0;
                }
            }
            if (maxQ > 0 || maxSQ > 0) {
                int q1 = maxQ > 0 ? 1 : 0;
                int sq1 = m > 1 && maxSQ > 0 ? 1 : 0;
                if (tryModel(0, q1, 0, sq1, constant)) {
                    p = sp = 0;
                    q = q1;
                    sq = sq1;
                }
            }
            if (constant && tryModel(0, 0, 0, 0, false)) {
                p = q = sp = sq = 0;
            }
            int startCount = -1;
            // R's loop: each pass tries the neighbours in a fixed order and restarts at the first improvement
            while (startCount < visited.size() && mayVisit()) {
                startCount = visited.size();
                int[][] seasonalMoves = {{-1, 0}, {0, -1}, {1, 0}, {0, 1}, {-1, -1}, {-1, 1}, {1, -1}, {1, 1}};
                boolean moved = false;
                for (int[] move : seasonalMoves) {
                    int nsp = sp + move[0];
                    int nsq = sq + move[1];
                    if (nsp < 0 || nsq < 0 || nsp > maxSP || nsq > maxSQ || !isNew(p, q, nsp, nsq, constant)) {
                        continue;
                    }
                    if (!mayVisit()) {
                        break;
                    }
                    if (tryModel(p, q, nsp, nsq, constant)) {
                        sp = nsp;
                        sq = nsq;
                        moved = true;
                        break;
                    }
                }
                if (moved) {
                    continue;
                }
                int[][] moves = {{-1, 0}, {0, -1}, {1, 0}, {0, 1}, {-1, -1}, {-1, 1}, {1, -1}, {1, 1}};
                for (int[] move : moves) {
                    int np = p + move[0];
                    int nq = q + move[1];
                    if (np < 0 || nq < 0 || np > maxP || nq > maxQ || !isNew(np, nq, sp, sq, constant)) {
                        continue;
                    }
                    if (!mayVisit()) {
                        break;
                    }
                    if (tryModel(np, nq, sp, sq, constant)) {
                        p = np;
                        q = nq;
                        moved = true;
                        break;
                    }
                }
                if (moved) {
                    continue;
                }
                if (allowConstant && isNew(p, q, sp, sq, !constant) && mayVisit()) {
                    if (tryModel(p, q, sp, sq, !constant)) {
                        constant = !constant;
                    }
                }
            }
        }

        ArimaFit best() {
            if (approximate) {
                List<Visited> byIc = new ArrayList<>(visited);
                byIc.sort(Comparator.comparingDouble(Visited::ic));
                List<Visited> deferred = new ArrayList<>();
                for (Visited candidate : byIc) {
                    // past the time limit autoregressive candidates are refitted first: their likelihood converges
                    // quickly and is rarely refused, where a run of refused refits with MA parts can take longer
                    // than the whole search
                    if (!mayVisitTime() && candidate.order().q() + candidate.order().seasonalQ() > 0) {
                        deferred.add(candidate);
                        continue;
                    }
                    Visited refit = evaluate(candidate.order(), false);
                    if (refit.ic() < Double.POSITIVE_INFINITY) {
                        return refit.fit();
                    }
                }
                for (Visited candidate : deferred) {
                    Visited refit = evaluate(candidate.order(), false);
                    if (refit.ic() < Double.POSITIVE_INFINITY) {
                        return refit.fit();
                    }
                }
            } else if (best != null && best.ic() < Double.POSITIVE_INFINITY) {
                return best.fit();
            }
            throw new IllegalArgumentException("no suitable ARIMA model found");
        }
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
