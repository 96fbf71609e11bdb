package dev.tsforge.statistics;

import java.util.Arrays;

/**
 * Fits one ARIMA order as stats::arima does, by conditional sum of squares ({@code CSS}, auto.arima's fast
 * approximation on long series) or by CSS then exact maximum likelihood ({@code CSS-ML}, R's default): the same
 * starting values and parameter scaling, the same BFGS, the same stationarity transform during the likelihood
 * search and MA roots inverted afterwards.
 */
final class ArimaEstimation {

    private ArimaEstimation() {
    }

    enum Method { CSS, CSS_ML }

    /** What a fit by conditional sum of squares leaves: the coefficients and R's {@code sigma2} (CSS over count). */
    record CssFit(double[] coef, double sigma2) {
    }

    /** The series prepared for one order: differenced values and the differenced mean or drift column. */
    record Prepared(ArimaOrder order, double[] y, double[] regressor, double[] dx, double[] dRegressor) {

        static Prepared of(double[] y, ArimaOrder order) {
            double[] regressor = null;
            double[] dRegressor = null;
            if (order.constant()) {
                regressor = new double[y.length];
                for (int t = 0; t < y.length; t++) {
                    regressor[t] = order.d() + order.seasonalD() == 0 ? 1 : t + 1;
                }
                dRegressor = difference(regressor, order);
            }
            return new Prepared(order, y, regressor, difference(y, order), dRegressor);
        }

        int armaCount() {
            return order.armaCount();
        }

        int parameterCount() {
            return armaCount() + (order.constant() ? 1 : 0);
        }

        /** The differenced series with the mean or drift taken out. */
        double[] w(double[] par) {
            if (!order.constant()) {
                return dx;
            }
            double beta = par[armaCount()];
            double[] w = new double[dx.length];
            for (int t = 0; t < w.length; t++) {
                w[t] = dx[t] - beta * dRegressor[t];
            }
            return w;
        }

        /**
         * R's starting point: ARMA coefficients 0; the mean or drift from a regression on the differenced series,
         * scaled in the search by ten of its standard errors.
         */
        double[][] startAndScale() {
            double[] start = new double[parameterCount()];
            double[] scale = new double[parameterCount()];
            Arrays.fill(scale, 1);
            if (order.constant()) {
                double xx = 0;
                double xy = 0;
                for (int t = 0; t < dx.length; t++) {
                    xx += dRegressor[t] * dRegressor[t];
                    xy += dRegressor[t] * dx[t];
                }
                double beta = xy / xx;
                double rss = 0;
                for (int t = 0; t < dx.length; t++) {
                    double e = dx[t] - beta * dRegressor[t];
                    rss += e * e;
                }
                double se = Math.sqrt(rss / (dx.length - 1) / xx);
                start[armaCount()] = beta;
                scale[armaCount()] = se > 0 ? 10 * se : 1;
            }
            return new double[][] {start, scale};
        }

        double cssObjective(double[] par) {
            double[][] polynomials = ArimaParameters.expand(order, par);
            return 0.5 * Math.log(ArimaLikelihood.css(w(par), polynomials[0], polynomials[1], null));
        }

        /** R's armafn; the largest double where the model cannot be set up, as R returns. */
        double mlObjective(double[] par, boolean transformed) {
            double[] coef = transformed ? ArimaParameters.transform(order, par) : par;
            double[][] polynomials = ArimaParameters.expand(order, coef);
            ArimaLikelihood.Filtered filtered = ArimaLikelihood.kalman(w(coef), polynomials[0], polynomials[1], false);
            return filtered == null ? Double.MAX_VALUE : filtered.objective();
        }
    }

    /** The fit by conditional sum of squares, or null where R's arima fails. */
    static CssFit css(Prepared prepared) {
        double[][] startAndScale = prepared.startAndScale();
        Bfgs.Result result;
        try {
            result = Bfgs.minimize(prepared::cssObjective, startAndScale[0], startAndScale[1], Bfgs.MAX_ITERATIONS);
        } catch (Bfgs.NotEvaluable failed) {
            return null;
        }
        double[] coef = result.point();
        double[][] polynomials = ArimaParameters.expand(prepared.order(), coef);
        double sigma2 = ArimaLikelihood.css(prepared.w(coef), polynomials[0], polynomials[1], null);
        return Double.isFinite(sigma2) ? new CssFit(coef, sigma2) : null;
    }

    /** The fit by CSS then maximum likelihood, or null where R's arima fails (e.g. a non-stationary CSS start). */
    static ArimaFit cssMl(Prepared prepared) {
        ArimaOrder order = prepared.order();
        double[][] startAndScale = prepared.startAndScale();
        double[] init = startAndScale[0];
        double[] scale = startAndScale[1];
        try {
            Bfgs.Result cssResult = Bfgs.minimize(prepared::cssObjective, init, scale, Bfgs.MAX_ITERATIONS);
            if (!cssResult.exhausted()) {
                init = cssResult.point();
            }
            if (!ArimaParameters.stationary(init, 0, order.p())
                    || !ArimaParameters.stationary(init, order.p() + order.q(), order.seasonalP())) {
                return null;
            }
            double[] raw = ArimaParameters.inverseTransform(order, init);
            ArimaParameters.invertMa(raw, order.p(), order.q());
            ArimaParameters.invertMa(raw, order.p() + order.q() + order.seasonalP(), order.seasonalQ());
            Bfgs.Result ml = Bfgs.minimize(p -> prepared.mlObjective(p, true), raw, scale, Bfgs.MAX_ITERATIONS);
            double[] best = ml.point();
            double value = ml.value();
            double[] inverted = best.clone();
            ArimaParameters.invertMa(inverted, order.p(), order.q());
            ArimaParameters.invertMa(inverted, order.p() + order.q() + order.seasonalP(), order.seasonalQ());
            if (!Arrays.equals(inverted, best)) {
                value = prepared.mlObjective(inverted, true);
            }
            double[] coef = ArimaParameters.transform(order, inverted);
            return ArimaFit.of(prepared, coef, value);
        } catch (Bfgs.NotEvaluable failed) {
            return null;
        }
    }

    /** {@code (1 - B)^d (1 - B^m)^D} applied to the values. */
    static double[] difference(double[] values, ArimaOrder order) {
        double[] out = values;
        for (int i = 0; i < order.d(); i++) {
            out = lagDifference(out, 1);
        }
        for (int i = 0; i < order.seasonalD(); i++) {
            out = lagDifference(out, order.period());
        }
        return out;
    }

    static double[] lagDifference(double[] values, int lag) {
        double[] out = new double[Math.max(values.length - lag, 0)];
        for (int t = 0; t < out.length; t++) {
            out[t] = values[t + lag] - values[t];
        }
        return out;
    }

    /** R's Delta: {@code z_t = sum_i delta_i z_{t-i} + w_t} undoes the differencing. */
    static double[] delta(ArimaOrder order) {
        double[] polynomial = {1};
        for (int i = 0; i < order.d(); i++) {
            polynomial = ArimaParameters.multiply(polynomial, new double[] {1, -1});
        }
        double[] seasonal = new double[order.period() + 1];
        seasonal[0] = 1;
        seasonal[order.period()] = -1;
        for (int i = 0; i < order.seasonalD(); i++) {
            polynomial = ArimaParameters.multiply(polynomial, seasonal);
        }
        double[] delta = new double[polynomial.length - 1];
        for (int i = 0; i < delta.length; i++) {
            delta[i] = -polynomial[i + 1];
        }
        return delta;
    }
}
