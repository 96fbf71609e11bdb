package dev.tsforge.statistics;

import dev.tsforge.statistics.EtsForm.Component;
import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A fitted ETS model: its form, parameters, states, information criteria and forecasts, each defined as forecast::ets
 * and forecast.ets define them. States are in R's order: level, slope (with a trend), seasonal states newest first.
 * Immutable and safe to share between threads.
 */
public final class EtsFit {

    private static final NormalDistribution NORMAL = new NormalDistribution();

    /** Sample paths for the forms with no analytic variance (multiplicative trend, additive error with a
     * multiplicative season); fixed seed so the same fit always gives the same interval. */
    static final int PATHS = 5000;
    private static final long SEED = 20240601L;

    private final EtsForm form;
    private final int period;
    private final EtsRecursion.Smoothing smoothing;
    private final double[] initialStates;
    private final double[] finalStates;
    private final double[] residuals;
    private final double[] y;
    private final double criterion;
    private final int estimated;

    EtsFit(EtsForm form, int period, EtsRecursion.Smoothing smoothing, double[] initialStates, double[] finalStates,
            double[] residuals, double[] y, double criterion, int estimated) {
        this.form = form;
        this.period = period;
        this.smoothing = smoothing;
        this.initialStates = initialStates;
        this.finalStates = finalStates;
        this.residuals = residuals;
        this.y = y.clone();
        this.criterion = criterion;
        this.estimated = estimated;
    }

    /** What R's ets returns for a constant series: simple exponential smoothing that repeats the value. */
    static EtsFit constant(double[] y, int period) {
        EtsForm form = EtsForm.parse("ANN");
        double[] state = {y[0]};
        return new EtsFit(form, period, new EtsRecursion.Smoothing(0.99999, 0, 0, 1), state, state.clone(),
                new double[y.length], y, -1e10, 2);
    }

    public EtsForm form() {
        return form;
    }

    /** The season length the model uses: the period for a seasonal form, else 1. */
    public int period() {
        return form.hasSeason() ? period : 1;
    }

    public double alpha() {
        return smoothing.alpha();
    }

    /** NaN without a trend. */
    public double beta() {
        return form.hasTrend() ? smoothing.beta() : Double.NaN;
    }

    /** NaN without a season. */
    public double gamma() {
        return form.hasSeason() ? smoothing.gamma() : Double.NaN;
    }

    /** NaN unless damped. */
    public double phi() {
        return form.damped() ? smoothing.phi() : Double.NaN;
    }

    /** States before the first value (R's {@code initstate}, with the implied last seasonal state). */
    public double[] initialStates() {
        return initialStates.clone();
    }

    /** States after the last value, from which the forecasts start. */
    public double[] finalStates() {
        return finalStates.clone();
    }

    /** R's {@code loglik}: -0.5 times the criterion minimised (constants dropped, as R drops them). */
    public double logLikelihood() {
        return -0.5 * criterion;
    }

    /** Smoothing parameters plus initial states plus the error variance, as R counts them. */
    public int parameterCount() {
        return estimated + 1;
    }

    public double aic() {
        return criterion + 2 * parameterCount();
    }

    public double aicc() {
        int k = parameterCount();
        return aic() + 2.0 * k * (k + 1) / (y.length - k - 1);
    }

    public double bic() {
        return criterion + Math.log(y.length) * parameterCount();
    }

    /** R's {@code sigma2}: the residuals' sum of squares over n minus the estimated parameters and initial states. */
    public double sigma2() {
        double sum = 0;
        for (double e : residuals) {
            sum += e * e;
        }
        return sum / (y.length - estimated);
    }

    /**
     * One-step in-sample errors, R's residuals of type "innovation": {@code y - yhat} for an additive error,
     * {@code (y - yhat) / yhat} for a multiplicative one.
     */
    public double[] residuals() {
        return residuals.clone();
    }

    /** One-step in-sample forecasts. */
    public double[] fitted() {
        double[] fitted = new double[y.length];
        for (int t = 0; t < y.length; t++) {
            fitted[t] = form.error() == Component.ADDITIVE ? y[t] - residuals[t] : y[t] / (1 + residuals[t]);
        }
        return fitted;
    }

    /**
     * Forecast means as R's forecast.ets gives them: the point forecasts, except with a multiplicative error and
     * season, where the mean has a small variance term on top. The damped slope adds up as
     * {@code phi + phi^2 + ... + phi^h}, as R's additive damped means do (R's point forecasts for a damped
     * multiplicative trend, a form it does not try by default, add {@code phi, 2 phi, 2 phi + phi^2...} instead).
     */
    public double[] forecast(int horizon) {
        checkHorizon(horizon);
        if (isClass3()) {
            return EtsVariance.class3(form, period(), smoothing, finalStates, sigma2(), horizon)[0];
        }
        return pointForecasts(horizon);
    }

    /**
     * {lower, upper} bounds of the prediction interval at {@code levelPercent} (e.g. 95): analytic, from R's
     * forecast variances, for the forms R fits by default; from {@value #PATHS} simulated paths (fixed seed) otherwise.
     * One deliberate difference: for an additive seasonal form without a trend (ANA), R's class 1 variance lets gamma
     * reach the forecast one step early (it sets the second seasonal state of G); we follow the model, which R's own
     * simulated intervals confirm. The widths differ by under 1% where gamma is small.
     */
    public double[][] interval(int horizon, double levelPercent) {
        checkHorizon(horizon);
        if (!(levelPercent > 0 && levelPercent < 100)) {
            throw new IllegalArgumentException("the level is a percentage in (0, 100), got " + levelPercent);
        }
        double[] mean;
        double[] variance;
        boolean additiveParts = form.trend() != Component.MULTIPLICATIVE && form.season() != Component.MULTIPLICATIVE;
        if (isClass3()) {
            double[][] meanAndVariance = EtsVariance.class3(form, period(), smoothing, finalStates, sigma2(), horizon);
            mean = meanAndVariance[0];
            variance = meanAndVariance[1];
        } else if (additiveParts) {
            mean = pointForecasts(horizon);
            variance = form.error() == Component.ADDITIVE
                    ? EtsVariance.class1(form, period(), smoothing, sigma2(), horizon)
                    : EtsVariance.class2(form, period(), smoothing, sigma2(), mean);
        } else {
            return simulatedInterval(horizon, levelPercent);
        }
        double z = NORMAL.inverseCumulativeProbability(0.5 + levelPercent / 200);
        double[] lower = new double[horizon];
        double[] upper = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            double margin = z * Math.sqrt(variance[h]);
            lower[h] = mean[h] - margin;
            upper[h] = mean[h] + margin;
        }
        return new double[][] {lower, upper};
    }

    private boolean isClass3() {
        return form.error() == Component.MULTIPLICATIVE && form.season() == Component.MULTIPLICATIVE
                && form.trend() != Component.MULTIPLICATIVE;
    }

    private double[] pointForecasts(int horizon) {
        return EtsRecursion.pointForecasts(form, period(), smoothing.phi(), finalStates, horizon);
    }

    private double[][] simulatedInterval(int horizon, double levelPercent) {
        Random random = new Random(SEED);
        double sigma = Math.sqrt(sigma2());
        double[][] byStep = new double[horizon][PATHS];
        double[] innovations = new double[horizon];
        for (int path = 0; path < PATHS; path++) {
            for (int h = 0; h < horizon; h++) {
                innovations[h] = sigma * random.nextGaussian();
            }
            double[] values = EtsRecursion.simulate(form, period(), smoothing, finalStates, innovations);
            for (int h = 0; h < horizon; h++) {
                byStep[h][path] = values[h];
            }
        }
        double[] lower = new double[horizon];
        double[] upper = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            double[] sorted = Arrays.stream(byStep[h]).filter(Double::isFinite).sorted().toArray();
            lower[h] = quantile(sorted, 0.5 - levelPercent / 200);
            upper[h] = quantile(sorted, 0.5 + levelPercent / 200);
        }
        return new double[][] {lower, upper};
    }

    /** R's quantile type 8 (median-unbiased), which forecast.ets uses on its sample paths. */
    static double quantile(double[] sorted, double p) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        double position = n * p + (p + 1) / 3;
        int j = (int) Math.floor(position);
        double g = position - j;
        double below = sorted[Math.min(Math.max(j, 1), n) - 1];
        double above = sorted[Math.min(Math.max(j + 1, 1), n) - 1];
        return (1 - g) * below + g * above;
    }

    private static void checkHorizon(int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("the horizon must be at least 1, got " + horizon);
        }
    }

    @Override
    public String toString() {
        return form.method() + " alpha=" + alpha() + " beta=" + beta() + " gamma=" + gamma() + " phi=" + phi()
                + " aicc=" + aicc();
    }
}
