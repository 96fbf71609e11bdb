package dev.tsforge.statistics;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A fitted ARIMA model: its order, coefficients (R's layout: ar, ma, sar, sma, then mean or drift), information
 * criteria and forecasts, each defined as forecast::Arima and forecast.Arima define them. Immutable and safe to
 * share between threads.
 */
public final class ArimaFit {

    private static final NormalDistribution NORMAL = new NormalDistribution();

    private final ArimaOrder order;
    private final double[] y;
    private final double[] coef;
    private final double[] phi;
    private final double[] theta;
    private final double[] residuals;
    private final double[] finalState;
    private final double logLikelihood;
    private final double sigma2;
    private final double innovationVariance;
    private final int used;

    private ArimaFit(ArimaOrder order, double[] y, double[] coef, double[] phi, double[] theta, double[] residuals,
            double[] finalState, double logLikelihood, double sigma2, double innovationVariance, int used) {
        this.order = order;
        this.y = y;
        this.coef = coef;
        this.phi = phi;
        this.theta = theta;
        this.residuals = residuals;
        this.finalState = finalState;
        this.logLikelihood = logLikelihood;
        this.sigma2 = sigma2;
        this.innovationVariance = innovationVariance;
        this.used = used;
    }

    /** The fit at these coefficients, with R's log-likelihood from the optimum {@code objective} of armafn. */
    static ArimaFit of(ArimaEstimation.Prepared prepared, double[] coef, double objective) {
        double[][] polynomials = ArimaParameters.expand(prepared.order(), coef);
        ArimaLikelihood.Filtered filtered = ArimaLikelihood.kalman(prepared.w(coef), polynomials[0], polynomials[1],
                true);
        if (filtered == null) {
            return null;
        }
        int used = prepared.dx().length;
        double logLikelihood = -0.5 * (2 * used * objective + used + used * Math.log(2 * Math.PI));
        double sum = 0;
        for (double e : filtered.residuals()) {
            sum += e * e;
        }
        int parameters = coef.length + 1;
        // forecast::Arima's sigma2, which its intervals use: residual squares over the values less the parameters
        double sigma2 = sum / (used - parameters + 1);
        return new ArimaFit(prepared.order(), prepared.y().clone(), coef.clone(), polynomials[0], polynomials[1],
                filtered.residuals(), filtered.state(), logLikelihood, sigma2,
                filtered.sumOfSquares() / filtered.count(), used);
    }

    public ArimaOrder order() {
        return order;
    }

    /** Coefficients in R's order: ar1..p, ma1..q, sar1..P, sma1..Q, then the mean or drift. */
    public double[] coefficients() {
        return coef.clone();
    }

    public double logLikelihood() {
        return logLikelihood;
    }

    /** The coefficients plus the innovation variance, as R counts them. */
    public int parameterCount() {
        return coef.length + 1;
    }

    public double aic() {
        return -2 * logLikelihood + 2 * parameterCount();
    }

    /** R's AICc, with the values left after differencing as the sample size. */
    public double aicc() {
        int k = parameterCount();
        return aic() + 2.0 * k * (k + 1) / (used - k - 1);
    }

    public double bic() {
        return aic() + parameterCount() * (Math.log(used) - 2);
    }

    /** forecast::Arima's {@code sigma2}: residual sum of squares over the values used less the parameters, plus 1. */
    public double sigma2() {
        return sigma2;
    }

    /** stats::arima's {@code sigma2}: the likelihood's profiled variance, sum of squares over the values used. */
    double innovationVariance() {
        return innovationVariance;
    }

    /** Standardised one-step errors of the differenced series (R's residuals, less the first {@code d + D m}). */
    public double[] residuals() {
        return residuals.clone();
    }

    /** Point forecasts, the means of the predictive distributions: the ARMA state projected, then integrated. */
    public double[] forecast(int horizon) {
        checkHorizon(horizon);
        int r = Math.max(phi.length, theta.length + 1);
        double[] a = java.util.Arrays.copyOf(finalState, r);
        double[] w = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            double[] next = new double[r];
            for (int i = 0; i < r; i++) {
                next[i] = (i < r - 1 ? a[i + 1] : 0) + (i < phi.length ? phi[i] * a[0] : 0);
            }
            a = next;
            w[h] = a[0];
        }
        // z = y less the mean or drift, integrated back from its differences
        double beta = order.constant() ? coef[coef.length - 1] : 0;
        boolean drift = order.d() + order.seasonalD() > 0;
        int n = y.length;
        double[] delta = ArimaEstimation.delta(order);
        double[] z = new double[n + horizon];
        for (int t = 0; t < n; t++) {
            z[t] = y[t] - beta * regressor(t, drift);
        }
        double[] forecast = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            int t = n + h;
            double value = w[h];
            for (int i = 0; i < delta.length; i++) {
                value += delta[i] * z[t - i - 1];
            }
            z[t] = value;
            forecast[h] = value + beta * regressor(t, drift);
        }
        return forecast;
    }

    /**
     * {lower, upper} bounds at {@code levelPercent}: normal, with variances from the psi-weights and sigma2, plus
     * what remains uncertain of the ARMA state at the end of the series (R's KalmanForecast carries it too; it
     * matters when an MA root is close to the unit circle and the state never becomes known).
     */
    public double[][] interval(int horizon, double levelPercent) {
        checkHorizon(horizon);
        if (!(levelPercent > 0 && levelPercent < 100)) {
            throw new IllegalArgumentException("the level is a percentage in (0, 100), got " + levelPercent);
        }
        double[] mean = forecast(horizon);
        double[] psi = psiWeights(horizon);
        double[] stateVariance = stateVariance(horizon);
        double z = NORMAL.inverseCumulativeProbability(0.5 + levelPercent / 200);
        double[] lower = new double[horizon];
        double[] upper = new double[horizon];
        double variance = 0;
        for (int h = 0; h < horizon; h++) {
            variance += sigma2 * psi[h] * psi[h];
            double margin = z * Math.sqrt(variance + sigma2 * stateVariance[h]);
            lower[h] = mean[h] - margin;
            upper[h] = mean[h] + margin;
        }
        return new double[][] {lower, upper};
    }

    /**
     * {@code g_h' P g_h} per step, in units of sigma2: the final state's error reaches {@code w_{n+k}} as
     * {@code Z T^k}, and {@code y_{n+h}} through the integration weights {@code c}, {@code g_h = sum_k c_{h-k} (Z T^k)'}.
     */
    private double[] stateVariance(int horizon) {
        int r = Math.max(phi.length, theta.length + 1);
        double[] delta = ArimaEstimation.delta(order);
        double[] c = new double[horizon];
        for (int j = 0; j < horizon; j++) {
            double value = j == 0 ? 1 : 0;
            for (int i = 1; i <= Math.min(j, delta.length); i++) {
                value += delta[i - 1] * c[j - i];
            }
            c[j] = value;
        }
        double[][] rows = new double[horizon][];
        double[] row = new double[r];
        row[0] = 1;
        for (int k = 0; k < horizon; k++) {
            // Z T^(k+1), a row times T, where T_i0 = phi_i and T_{i,i+1} = 1
            double[] next = new double[r];
            for (int i = 0; i < r; i++) {
                if (i < phi.length) {
                    next[0] += row[i] * phi[i];
                }
                if (i + 1 < r) {
                    next[i + 1] += row[i];
                }
            }
            row = next;
            rows[k] = row;
        }
        double[] variance = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            double[] g = new double[r];
            for (int k = 0; k <= h; k++) {
                for (int j = 0; j < r; j++) {
                    g[j] += c[h - k] * rows[k][j];
                }
            }
            double sum = 0;
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < r; j++) {
                    sum += g[i] * finalState[r + i * r + j] * g[j];
                }
            }
            variance[h] = Math.max(sum, 0);
        }
        return variance;
    }

    /** The MA(infinity) weights of the whole model, differencing included. */
    double[] psiWeights(int count) {
        double[] ar = new double[phi.length + 1];
        ar[0] = 1;
        for (int i = 0; i < phi.length; i++) {
            ar[i + 1] = -phi[i];
        }
        double[] differencing = new double[ArimaEstimation.delta(order).length + 1];
        differencing[0] = 1;
        double[] delta = ArimaEstimation.delta(order);
        for (int i = 0; i < delta.length; i++) {
            differencing[i + 1] = -delta[i];
        }
        double[] full = ArimaParameters.multiply(ar, differencing);
        double[] psi = new double[count];
        for (int j = 0; j < count; j++) {
            double value = j == 0 ? 1 : (j - 1 < theta.length ? theta[j - 1] : 0);
            for (int i = 1; i <= Math.min(j, full.length - 1); i++) {
                value -= full[i] * psi[j - i];
            }
            psi[j] = value;
        }
        return psi;
    }

    /** The mean's column is 1; the drift's is the time index from 1, as R's {@code drift = 1:n}. */
    private static double regressor(int t, boolean drift) {
        return drift ? t + 1 : 1;
    }

    private static void checkHorizon(int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("the horizon must be at least 1, got " + horizon);
        }
    }

    @Override
    public String toString() {
        return order + " aicc=" + aicc() + " sigma2=" + sigma2;
    }
}
