package dev.tsforge.statistics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * auto.arima's stepwise search over (p,q)(P,Q) and the constant, with its table of visited models and, when
 * approximating, the maximum-likelihood refits of the best of them; within the caller's time limit.
 */
final class ArimaSearch {

    /** How far the search may go in each order. */
    record Limits(int p, int q, int seasonalP, int seasonalQ) {
    }

    /** One visited model: its order and criterion, Infinity where it failed or is not admissible. */
    record Visited(ArimaOrder order, double ic, ArimaFit fit) {
    }

    private final double[] y;
    private final int m;
    private final int d;
    private final int seasonalD;
    private final boolean approximate;
    private final List<Visited> visited = new ArrayList<>();
    private final long started;
    private final long limitNanos;
    /** The CSS criterion's offset onto the likelihood's scale, when approximating. */
    private double offset;
    private Visited best;

    ArimaSearch(double[] y, int m, int d, int seasonalD, boolean approximate, long started, long limitNanos) {
        this.started = started;
        this.limitNanos = limitNanos;
        this.y = y;
        this.m = m;
        this.d = d;
        this.seasonalD = seasonalD;
        this.approximate = approximate;
    }

    void offset(double offset) {
        this.offset = offset;
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
        return visited.size() < Arima.MAX_MODELS && mayVisitTime();
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
        if (Double.isNaN(aicc) || ArimaParameters.minimumRoot(polynomials[0], polynomials[1]) < Arima.MIN_ROOT) {
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
